import type { Core } from '@strapi/strapi';
import { pipelineWorkflows, type WorkflowStage } from '../../../../../shared/server/workflows';
import type { Dashboard } from '../../../shared/contracts';
import { listLink } from '../domain/links';
import { daysBetween, monthsEndingAt } from '../domain/period';
import { dayOf, localTimeSql, midnightSql, now } from '../../../../../shared/server/clock';
import { MACHINE_STAGE as M, OPEN_PRESCRIPTION_STAGES, WAITING_STAGES } from '../../../../../shared/vocabulary';

import { PRESENCE_UID } from '../../../../../shared/presences';
import type { CoveredWorkshops, VolunteerFigures, WorkshopBreakdown } from '../../../shared/contracts';
import { ALL, describe, scopeFilter, workshopCondition, workshopOf, type WorkshopScope } from '../scope';
import { isNetworkView } from './network';

const MACHINE = 'api::machine.machine';
const PRESCRIPTION = 'api::prescription.prescription';
/** Stages where a unit waits for a household rather than for work: not a bottleneck of the line. */
const WAITING = WAITING_STAGES.machines;
const OPEN_PRESCRIPTION = [...OPEN_PRESCRIPTION_STAGES];

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const edit = (uid: string, documentId: string) => `/content-manager/collection-types/${uid}/${documentId}`;

/** The admin dashboard: every number a SQL aggregate (raw SQL: GROUP BY and window functions). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = async (sql: string, bindings: Record<string, unknown> = {}) => ((await strapi.db.connection.raw(sql, bindings)) as { rows: Row[] }).rows;

  async function stageDefs(key: 'machines' | 'prescriptions'): Promise<WorkflowStage[]> {
    const workflows = pipelineWorkflows(strapi);
    return workflows ? (await workflows.get(key)).stages : [];
  }

  return {
    /** The dashboard of the workshops in `scope` (every workshop by default; the controller resolves the request's). */
    async compute(scope: WorkshopScope = ALL, covered?: CoveredWorkshops): Promise<Dashboard> {
      const today = now();
      const machineWs = workshopOf(strapi, MACHINE, 'm.id');
      const f = (column: string) => scopeFilter(column, scope);
      const inScope = workshopCondition(scope);
      const [machineStages, prescriptionStages] = await Promise.all([stageDefs('machines'), stageDefs('prescriptions')]);
      const label = (defs: WorkflowStage[], key: string) => defs.find((s) => s.key === key)?.label ?? key;

      const cs = f(machineWs);
      const counts = await rows(`SELECT pipeline_stage AS stage, count(*) AS count FROM machines m WHERE ${cs.sql} GROUP BY pipeline_stage`, cs.bindings);
      const known = new Set(machineStages.map((s) => s.key));
      const stages = [
        ...machineStages.map((s) => ({ key: s.key, label: s.label, color: s.color, count: n(counts.find((c) => c.stage === s.key)?.count) })),
        ...counts.filter((c) => c.stage != null && !known.has(String(c.stage))).map((c) => ({ key: String(c.stage), label: String(c.stage), color: '#6b7280', count: n(c.count) })),
      ].map((s) => ({ ...s, link: listLink(MACHINE, [[['pipelineStage'], '$eq', s.key], ...inScope]) }));

      // Twelve months up to the last activity on the line (or this month when there is none).
      // The history of the scope's units (every event for the network, deleted units' included).
      const es = () => f(machineWs);
      const ls = es();
      const [last] = await rows(
        `SELECT to_char(max(${localTimeSql('e.at')}), 'YYYY-MM') AS month FROM sv_pipeline_events e LEFT JOIN machines m ON m.document_id = e.subject_id
          WHERE e.subject_type = :uid AND ${ls.sql}`,
        { uid: MACHINE, ...ls.bindings }
      );
      const monthKeys = monthsEndingAt(typeof last?.month === 'string' ? last.month : dayOf(today).slice(0, 7));
      const start = `${monthKeys[0]}-01`;
      const [ly, lm] = monthKeys[11].split('-').map(Number);
      const end = new Date(Date.UTC(ly, lm, 1)).toISOString().slice(0, 10);
      const ms = es();
      const perMonth = await rows(
        `SELECT to_char(${localTimeSql('e.at')}, 'YYYY-MM') AS month,
                count(DISTINCT e.subject_id) FILTER (WHERE e.to_stage = :ready) AS refurbished,
                count(DISTINCT e.subject_id) FILTER (WHERE e.to_stage = :handedOver) AS handed_over
           FROM sv_pipeline_events e LEFT JOIN machines m ON m.document_id = e.subject_id
          WHERE e.subject_type = :uid AND e.kind = 'transition' AND e.to_stage IN (:ready, :handedOver)
            AND e.at >= ${midnightSql(':start')} AND e.at < ${midnightSql(':end')} AND ${ms.sql}
          GROUP BY 1`,
        { uid: MACHINE, start, end, ready: M.ready, handedOver: M.handedOver, ...ms.bindings }
      );
      const months = monthKeys.map((month) => {
        const r = perMonth.find((p) => p.month === month);
        return { month, refurbished: n(r?.refurbished), handedOver: n(r?.handed_over) };
      });

      const ts = es();
      const [totals] = await rows(
        `SELECT count(DISTINCT e.subject_id) FILTER (WHERE e.to_stage = :ready) AS refurbished,
                count(DISTINCT e.subject_id) FILTER (WHERE e.to_stage = :handedOver) AS handed_over
           FROM sv_pipeline_events e LEFT JOIN machines m ON m.document_id = e.subject_id
          WHERE e.subject_type = :uid AND e.kind = 'transition' AND e.to_stage IN (:ready, :handedOver)
            AND e.at >= ${midnightSql(':start')} AND e.at < ${midnightSql(':end')} AND ${ts.sql}`,
        { uid: MACHINE, start, end, ready: M.ready, handedOver: M.handedOver, ...ts.bindings }
      );
      const windowDays = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);

      // Donors are shared by the network: each counts the scope's donations (the donation's workshop).
      const ds = f(workshopOf(strapi, 'api::donation.donation', 'dn.id'));
      const donors = await rows(
        `SELECT d.id, d.name, count(DISTINCT dn.id) AS donations, count(md.machine_id) AS units
           FROM donors d
           JOIN donations_donor_lnk dd ON dd.donor_id = d.id
           JOIN donations dn ON dn.id = dd.donation_id
           LEFT JOIN machines_donation_lnk md ON md.donation_id = dn.id
          WHERE ${ds.sql}
          GROUP BY d.id, d.name ORDER BY units DESC, d.name`,
        ds.bindings
      );

      // Time spent in each stage: from entering it to the next move, for stays that ended in the window.
      const dws = es();
      const dwellRows = await rows(
        `SELECT stage, avg(EXTRACT(EPOCH FROM (next_at - at)) / 86400) AS average_days, count(*) AS moves
           FROM (SELECT e.to_stage AS stage, e.at, lead(e.at) OVER (PARTITION BY e.subject_id ORDER BY e.seq) AS next_at
                   FROM sv_pipeline_events e LEFT JOIN machines m ON m.document_id = e.subject_id
                  WHERE e.subject_type = :uid AND e.to_stage IS NOT NULL AND ${dws.sql}) s
          WHERE next_at IS NOT NULL AND next_at >= ${midnightSql(':start')} AND next_at < ${midnightSql(':end')}
          GROUP BY stage`,
        { uid: MACHINE, start, end, ...dws.bindings }
      );
      const order = (key: string) => machineStages.findIndex((s) => s.key === key);
      const dwell = dwellRows
        .map((r) => ({ key: String(r.stage), label: label(machineStages, String(r.stage)), averageDays: Math.round(Number(r.average_days) * 10) / 10, moves: n(r.moves) }))
        .sort((a, b) => order(a.key) - order(b.key));
      const working = dwell.filter((d) => !WAITING.includes(d.key));
      // No « slowest stage » when nothing took time (an empty line, or moves all the same day).
      const slowest = working.reduce<(typeof dwell)[number] | null>((max, d) => (d.averageDays > (max?.averageDays ?? 0) ? d : max), null);

      const ps = f(workshopOf(strapi, PRESCRIPTION, 'p.id'));
      const pending = await rows(
        `SELECT p.document_id, p.number, p.pipeline_stage, p.received_at, h.commune
           FROM prescriptions p
           LEFT JOIN prescriptions_household_lnk ph ON ph.prescription_id = p.id
           LEFT JOIN households h ON h.id = ph.household_id
          WHERE p.pipeline_stage = ANY(CAST(:open AS text[])) AND ${ps.sql}
          ORDER BY p.received_at ASC NULLS LAST, p.id LIMIT 50`,
        { open: OPEN_PRESCRIPTION, ...ps.bindings }
      );

      const ss = f(workshopOf(strapi, 'api::part.part', 'parts.id'));
      const stock = await rows(
        `SELECT id, document_id, description, category, quantity_on_hand, low_stock_threshold
           FROM parts WHERE quantity_on_hand <= low_stock_threshold AND low_stock_threshold > 0 AND ${ss.sql}
          ORDER BY CAST(quantity_on_hand AS float) / low_stock_threshold, description`,
        ss.bindings
      );

      // The team over the last 12 months, Brest days (the same figures as a bilan of that period).
      const teamTo = dayOf(today);
      const teamFrom = dayOf(new Date(today.getTime() - 364 * 86_400_000));
      const [team, byWorkshop, scopeNames] = await Promise.all([
        strapi.plugin('reporting').service('volunteers').figures(teamFrom, teamTo, scope) as Promise<VolunteerFigures>,
        isNetworkView(scope) ? (strapi.plugin('reporting').service('network').breakdown(teamFrom, teamTo, scope) as Promise<WorkshopBreakdown>) : Promise.resolve(null),
        covered ? Promise.resolve(covered) : describe(strapi, scope),
      ]);

      return {
        today: dayOf(today),
        volunteers: {
          from: teamFrom,
          to: teamTo,
          hours: team.hours,
          activeVolunteers: team.activeVolunteers,
          hourlyRate: team.hourlyRate,
          value: team.value,
          toRegularise: team.toRegularise,
          // Every open presence (today's included): the coordination closes those of earlier days.
          toRegulariseLink: listLink(PRESENCE_UID, [[['signedOutAt'], '$null', true], ...workshopCondition(scope, ['volunteer', 'workshop', 'id'])]),
        },
        scope: scopeNames,
        byWorkshop,
        stages,
        months,
        donors: donors.map((d) => ({ donorId: n(d.id), name: String(d.name), donations: n(d.donations), units: n(d.units), link: listLink(MACHINE, [[['donation', 'donor', 'id'], '$eq', n(d.id)], ...inScope]) })),
        dwell,
        slowest: slowest ? { key: slowest.key, label: slowest.label, averageDays: slowest.averageDays } : null,
        throughput: {
          windowDays,
          refurbished: n(totals?.refurbished),
          handedOver: n(totals?.handed_over),
          perWeek: Math.round((n(totals?.refurbished) / (windowDays / 7)) * 10) / 10,
        },
        pending: pending.map((p) => {
          const receivedAt = iso(p.received_at);
          return {
            documentId: String(p.document_id),
            number: p.number == null ? null : String(p.number),
            stage: String(p.pipeline_stage),
            stageLabel: label(prescriptionStages, String(p.pipeline_stage)),
            receivedAt,
            // Calendar days in Brest: received yesterday is one day old from midnight, Paris time.
            ageDays: receivedAt ? daysBetween(new Date(`${receivedAt}T00:00:00Z`), new Date(`${dayOf(today)}T00:00:00Z`)) : 0,
            commune: p.commune == null ? null : String(p.commune),
            link: edit(PRESCRIPTION, String(p.document_id)),
          };
        }),
        pendingLink: listLink(PRESCRIPTION, [[['pipelineStage'], '$in', OPEN_PRESCRIPTION], ...inScope]),
        stock: stock.map((s) => ({
          id: n(s.id),
          description: String(s.description),
          category: String(s.category),
          quantity: n(s.quantity_on_hand),
          threshold: n(s.low_stock_threshold),
          link: edit('api::part.part', String(s.document_id)),
        })),
      };
    },
  };
};
