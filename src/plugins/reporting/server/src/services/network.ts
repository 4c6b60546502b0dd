import type { Core } from '@strapi/strapi';
import type { WorkshopBreakdown, WorkshopRow } from '../../../shared/contracts';
import { midnightSql } from '../../../../../shared/server/clock';
import { communeKey, communeKeySql } from '../../../../../shared/server/territories';
import { BREST_DAY_SQL } from '../../../../../shared/presences';
import { MACHINE_STAGE as M } from '../../../../../shared/vocabulary';
import { scopeFilter, workshopOf, workshopsOf, type WorkshopScope } from '../scope';
import { hoursOf, valueOf } from './volunteers';

const MACHINE = 'api::machine.machine';
const PRESCRIPTION = 'api::prescription.prescription';
const VOLUNTEER = 'api::volunteer.volunteer';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/** Whether a scope spans more than one workshop (the network view, which gets the « par atelier » table). */
export const isNetworkView = (scope: WorkshopScope) => scope.all || scope.ids.length > 1;

/**
 * The « par atelier » table of a network view: each figure one SQL aggregate grouped by the
 * record's workshop (GROUP BY ROLLUP gives the total, so a household equipped by two workshops
 * counts once in it), filtered by `scopeSql`. The figures are the bilan's: units received
 * (donations collected in the period), refurbished and handed over (the history), erasures
 * certified (certificates issued), households equipped, volunteers' hours and their value.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = async (sql: string, bindings: Record<string, unknown>) => ((await strapi.db.connection.raw(sql, bindings)) as { rows: Row[] }).rows;

  return {
    async breakdown(from: string, to: string, scope: WorkshopScope, communes: string[] | null = null): Promise<WorkshopBreakdown> {
      const machineWs = workshopOf(strapi, MACHINE, 'm.id');
      const f = (column: string) => scopeFilter(column, scope);
      const received = f('x.w');
      const moves = f('x.w');
      const erasures = f('x.w');
      const households = f('x.w');
      const hours = f('x.w');
      const period = { from, to };
      const [rec, mov, era, hh, hrs] = await Promise.all([
        rows(
          `SELECT x.w, GROUPING(x.w) AS is_total, count(*) AS n
             FROM (SELECT ${machineWs} AS w
                     FROM machines m
                     JOIN machines_donation_lnk md ON md.machine_id = m.id
                     JOIN donations dn ON dn.id = md.donation_id
                     JOIN donations_donor_lnk dd ON dd.donation_id = dn.id
                    WHERE dn.collected_at BETWEEN CAST(:from AS date) AND CAST(:to AS date)) x
            WHERE ${received.sql} GROUP BY ROLLUP (x.w)`,
          { ...period, ...received.bindings }
        ),
        rows(
          `SELECT x.w, GROUPING(x.w) AS is_total,
                  count(DISTINCT x.subject_id) FILTER (WHERE x.to_stage = :ready) AS refurbished,
                  count(DISTINCT x.subject_id) FILTER (WHERE x.to_stage = :handedOver) AS handed_over
             FROM (SELECT ${machineWs} AS w, e.subject_id, e.to_stage
                     FROM sv_pipeline_events e LEFT JOIN machines m ON m.document_id = e.subject_id
                    WHERE e.subject_type = :uid AND e.kind = 'transition' AND e.to_stage IN (:ready, :handedOver)
                      AND e.at >= ${midnightSql(':from')} AND e.at < ${midnightSql('CAST(:to AS date) + 1')}) x
            WHERE ${moves.sql} GROUP BY ROLLUP (x.w)`,
          { ...period, uid: MACHINE, ready: M.ready, handedOver: M.handedOver, ...moves.bindings }
        ),
        rows(
          `SELECT x.w, GROUPING(x.w) AS is_total, count(DISTINCT x.unit) AS n
             FROM (SELECT ${machineWs} AS w, g.target_document_id AS unit
                     FROM documents_generated g LEFT JOIN machines m ON m.document_id = g.target_document_id
                    WHERE g.kind = 'erasure-certificate' AND g.target_uid = :uid
                      AND g.generated_at >= ${midnightSql(':from')} AND g.generated_at < ${midnightSql('CAST(:to AS date) + 1')}) x
            WHERE ${erasures.sql} GROUP BY ROLLUP (x.w)`,
          { ...period, uid: MACHINE, ...erasures.bindings }
        ),
        rows(
          `SELECT x.w, GROUPING(x.w) AS is_total, count(DISTINCT x.household_id) AS n
             FROM (SELECT ${workshopOf(strapi, PRESCRIPTION, 'p.id')} AS w, h.id AS household_id
                     FROM prescriptions p
                     JOIN prescriptions_household_lnk ph ON ph.prescription_id = p.id
                     JOIN households h ON h.id = ph.household_id
                    WHERE p.handed_over_at BETWEEN CAST(:from AS date) AND CAST(:to AS date)
                      AND (CAST(:communes AS text[]) IS NULL OR ${communeKeySql('h.commune')} = ANY(CAST(:communes AS text[])))) x
            WHERE ${households.sql} GROUP BY ROLLUP (x.w)`,
          { ...period, communes: communes ? communes.map(communeKey) : null, ...households.bindings }
        ),
        // Minutes per workshop and month (quarter past 12 months), valued as the bilan's valuation lines are.
        rows(
          `SELECT x.w, x.period, sum(x.minutes) AS minutes
             FROM (SELECT ${workshopOf(strapi, VOLUNTEER, 'l.volunteer_id')} AS w,
                          to_char(${BREST_DAY_SQL('p.signed_in_at')}, :periodFormat) AS period,
                          round(extract(epoch FROM p.signed_out_at - p.signed_in_at) / 60) AS minutes
                     FROM volunteer_presences p
                     JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id
                    WHERE p.signed_out_at IS NOT NULL
                      AND ${BREST_DAY_SQL('p.signed_in_at')} BETWEEN CAST(:from AS date) AND CAST(:to AS date)) x
            WHERE ${hours.sql} GROUP BY x.w, x.period`,
          { ...period, periodFormat: monthsOf(from, to) > 12 ? 'YYYY-"T"Q' : 'YYYY-MM', ...hours.bindings }
        ),
      ]);
      const { volunteerHourlyRate: rate } = (await strapi.plugin('reporting').service('volunteers').settings()) as { volunteerHourlyRate: number };

      const of = (result: Row[], w: number | null, column = 'n') =>
        n(result.find((r) => (w === null ? n(r.is_total) === 1 : n(r.is_total) === 0 && r.w != null && n(r.w) === w))?.[column]);
      const team = (w: number | null) => {
        const lines = hrs.filter((r) => w === null || (r.w != null && n(r.w) === w));
        const minutes = lines.reduce((sum, r) => sum + n(r.minutes), 0);
        // As the bilan: the sum of each period's value, each rounded to the cent.
        const value = Math.round(lines.reduce((sum, r) => sum + valueOf(n(r.minutes), rate) * 100, 0)) / 100;
        return { minutes, hours: hoursOf(minutes), value };
      };
      const line = (w: number | null, documentId: string | null, name: string, code: string | null): WorkshopRow => ({
        documentId,
        name,
        code,
        received: of(rec, w),
        refurbished: of(mov, w, 'refurbished'),
        handedOver: of(mov, w, 'handed_over'),
        erasuresCertified: of(era, w),
        households: of(hh, w),
        ...team(w),
      });
      const workshops = await workshopsOf(strapi, scope);
      return {
        from,
        to,
        rows: workshops.map((w) => line(w.id, w.documentId, w.name, w.code)),
        total: line(null, null, 'Total', null),
      };
    },
  };
};

function monthsOf(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}
