import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Bilan, BilanParams, CommuneRow, DonorRow, Figure, PrescriberRow, ProgrammeSummary, VolunteerFigures } from '../../../shared/contracts';
import { between, listLink, type Condition } from '../domain/links';
import { MESSAGES } from '../domain/messages';
import { communesOf, isTerritory, territoryLabel } from '../domain/territories';
import { communeKey, communeKeySql } from '../../../../../shared/server/territories';
import { midnightSql, now } from '../../../../../shared/server/clock';
import { DROPPED_PRESCRIPTION_STAGES, MACHINE_STAGE as M, NOT_REUSED_STAGES, PRESCRIPTION_STAGE as P, RELEASE_STAGES } from '../../../../../shared/vocabulary';

const MACHINE = 'api::machine.machine';
const PRESCRIPTION = 'api::prescription.prescription';
const HOUSEHOLD = 'api::household.household';
export const PROGRAMME = 'api::funder-programme.funder-programme';

/** Stages a unit is in once it is refurbished for reuse (ready, or gone on to a household). */
export const REUSED_STAGES = [...RELEASE_STAGES];
/** Stages a unit has left the line in, one way or the other. */
const DONE = [...RELEASE_STAGES, ...NOT_REUSED_STAGES];
/** Prescription stages that are not (yet) an acceptance. */
const NOT_ACCEPTED = [P.received, P.reviewing, P.refused];
/** Prescription stages that close a file without a handover. */
const DROPPED = [...DROPPED_PRESCRIPTION_STAGES];

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
const fig = (value: unknown, link: string | null): Figure => ({ value: n(value), link });
/** The territory's communes as the SQL compares them (null: every commune). */
const keys = (communes: string[] | null) => (communes ? communes.map(communeKey) : null);

/**
 * The bilan: every figure one SQL aggregate over the whole database (GROUP BY ROLLUP gives the
 * totals), never a loop over records. Raw SQL through knex because the Query Engine has no
 * GROUP BY; the tables and link tables are Strapi's own (`machines_donation_lnk`, …).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const rows = async (sql: string, bindings: Record<string, unknown>) => ((await knex().raw(sql, bindings)) as { rows: Row[] }).rows;

  async function programme(documentId: string): Promise<ProgrammeSummary> {
    const p = (await strapi.db.query(PROGRAMME).findOne({ where: { documentId } })) as Row | null;
    if (!p) throw new errors.ValidationError(MESSAGES.unknownProgramme, { field: 'programme' });
    return {
      documentId: String(p.documentId),
      name: String(p.name),
      funder: String(p.funder ?? ''),
      periodStart: (p.periodStart as string | null) ?? null,
      periodEnd: (p.periodEnd as string | null) ?? null,
      targetPublic: (p.targetPublic as string | null) ?? null,
      territory: isTerritory(p.territory) ? p.territory : null,
    };
  }

  async function donors(from: string, to: string): Promise<{ list: DonorRow[]; total: DonorRow }> {
    const result = await rows(
      `SELECT d.id AS donor_id, d.name,
              count(*) AS received,
              count(*) FILTER (WHERE m.pipeline_stage = ANY(CAST(:reused AS text[]))) AS reused,
              count(*) FILTER (WHERE m.pipeline_stage = :handedOver) AS handed_over,
              count(*) FILTER (WHERE m.pipeline_stage = :dismantled) AS dismantled,
              count(*) FILTER (WHERE m.pipeline_stage = :recycled) AS recycled,
              count(*) FILTER (WHERE m.pipeline_stage IS NULL OR NOT (m.pipeline_stage = ANY(CAST(:done AS text[])))) AS in_progress,
              GROUPING(d.id) AS is_total
         FROM machines m
         JOIN machines_donation_lnk md ON md.machine_id = m.id
         JOIN donations dn ON dn.id = md.donation_id
         JOIN donations_donor_lnk dd ON dd.donation_id = dn.id
         JOIN donors d ON d.id = dd.donor_id
        WHERE dn.collected_at BETWEEN CAST(:from AS date) AND CAST(:to AS date)
        GROUP BY ROLLUP ((d.id, d.name))
        ORDER BY GROUPING(d.id), d.name`,
      { from, to, reused: REUSED_STAGES, done: DONE, handedOver: M.handedOver, dismantled: M.dismantled, recycled: M.recycled }
    );
    const toRow = (r: Row | undefined, donorId: number | null): DonorRow => {
      const base: Condition[] = [...between(['donation', 'collectedAt'], from, to), ...(donorId ? ([[['donation', 'donor', 'id'], '$eq', donorId]] as Condition[]) : [])];
      const link = (extra: Condition[]) => listLink(MACHINE, [...base, ...extra]);
      return {
        donorId,
        name: donorId ? String(r?.name) : 'Total',
        received: fig(r?.received, link([])),
        reused: fig(r?.reused, link([[['pipelineStage'], '$in', REUSED_STAGES]])),
        handedOver: fig(r?.handed_over, link([[['pipelineStage'], '$eq', M.handedOver]])),
        dismantled: fig(r?.dismantled, link([[['pipelineStage'], '$eq', M.dismantled]])),
        recycled: fig(r?.recycled, link([[['pipelineStage'], '$eq', M.recycled]])),
        inProgress: fig(r?.in_progress, link([[['pipelineStage'], '$notIn', DONE]])),
      };
    };
    return {
      list: result.filter((r) => n(r.is_total) === 0).map((r) => toRow(r, n(r.donor_id))),
      total: toRow(result.find((r) => n(r.is_total) === 1), null),
    };
  }

  /** The prescriptions of the territory (by the household's commune), with what each figure needs. */
  const PRESCRIPTIONS_CTE = `WITH p AS (
      SELECT p.id, p.received_at, p.decided_at, p.handed_over_at, p.pipeline_stage,
             pr.id AS prescriber_id, pr.name AS prescriber_name,
             h.id AS household_id, h.commune, h.children_in_college
        FROM prescriptions p
        LEFT JOIN prescriptions_prescriber_lnk pp ON pp.prescription_id = p.id
        LEFT JOIN prescribers pr ON pr.id = pp.prescriber_id
        LEFT JOIN prescriptions_household_lnk ph ON ph.prescription_id = p.id
        LEFT JOIN households h ON h.id = ph.household_id
       WHERE CAST(:communes AS text[]) IS NULL OR ${communeKeySql('h.commune')} = ANY(CAST(:communes AS text[])))`;

  const PRESCRIPTION_FIGURES = `
      count(*) FILTER (WHERE received_at BETWEEN CAST(:from AS date) AND CAST(:to AS date)) AS received,
      count(*) FILTER (WHERE decided_at BETWEEN CAST(:from AS date) AND CAST(:to AS date) AND NOT (pipeline_stage = ANY(CAST(:notAccepted AS text[])))) AS accepted,
      count(*) FILTER (WHERE handed_over_at BETWEEN CAST(:from AS date) AND CAST(:to AS date)) AS handed_over,
      count(*) FILTER (WHERE received_at <= CAST(:to AS date) AND (handed_over_at IS NULL OR handed_over_at > CAST(:to AS date))
                         AND NOT (pipeline_stage = ANY(CAST(:dropped AS text[])))) AS pending`;

  function prescriptionLinks(from: string, to: string, scope: Condition[]) {
    const link = (extra: Condition[]) => listLink(PRESCRIPTION, [...scope, ...extra]);
    return {
      received: link(between(['receivedAt'], from, to)),
      accepted: link([...between(['decidedAt'], from, to), [['pipelineStage'], '$notIn', NOT_ACCEPTED]]),
      handedOver: link(between(['handedOverAt'], from, to)),
      pending: link([
        [['receivedAt'], '$lte', to],
        { $or: [[['handedOverAt'], '$null', true], [['handedOverAt'], '$gt', to]] },
        [['pipelineStage'], '$notIn', DROPPED],
      ]),
    };
  }

  async function prescribers(from: string, to: string, communes: string[] | null) {
    const result = await rows(
      `${PRESCRIPTIONS_CTE}
       SELECT prescriber_id, prescriber_name, ${PRESCRIPTION_FIGURES}, GROUPING(prescriber_id) AS is_total
         FROM p GROUP BY ROLLUP ((prescriber_id, prescriber_name))
        ORDER BY GROUPING(prescriber_id), prescriber_name NULLS LAST`,
      { from, to, communes: keys(communes), notAccepted: NOT_ACCEPTED, dropped: DROPPED }
    );
    const territory: Condition[] = communes ? [[['household', 'commune'], '$in', communes]] : [];
    const toRow = (r: Row | undefined, prescriberId: number | null, name: string): PrescriberRow => {
      const scope: Condition[] = [...territory, ...(prescriberId ? ([[['prescriber', 'id'], '$eq', prescriberId]] as Condition[]) : [])];
      const links = prescriptionLinks(from, to, scope);
      return {
        prescriberId,
        name,
        received: fig(r?.received, links.received),
        accepted: fig(r?.accepted, links.accepted),
        handedOver: fig(r?.handed_over, links.handedOver),
        pending: fig(r?.pending, links.pending),
      };
    };
    const active = (r: Row) => n(r.received) + n(r.accepted) + n(r.handed_over) + n(r.pending) > 0;
    return {
      list: result
        .filter((r) => n(r.is_total) === 0 && active(r))
        .map((r) => toRow(r, r.prescriber_id == null ? null : n(r.prescriber_id), r.prescriber_name == null ? 'Sans prescripteur' : String(r.prescriber_name))),
      total: toRow(result.find((r) => n(r.is_total) === 1), null, 'Total'),
    };
  }

  async function byCommune(from: string, to: string, communes: string[] | null): Promise<CommuneRow[]> {
    const result = await rows(
      `${PRESCRIPTIONS_CTE}
       SELECT commune, ${PRESCRIPTION_FIGURES}
         FROM p GROUP BY commune ORDER BY commune NULLS LAST`,
      { from, to, communes: keys(communes), notAccepted: NOT_ACCEPTED, dropped: DROPPED }
    );
    return result
      .filter((r) => n(r.received) + n(r.handed_over) + n(r.pending) > 0)
      .map((r) => {
        const commune = r.commune == null ? null : String(r.commune);
        const links = prescriptionLinks(from, to, [commune ? [['household', 'commune'], '$eq', commune] : [['household', 'id'], '$null', true]]);
        return {
          commune: commune ?? 'Commune non renseignée',
          received: fig(r.received, links.received),
          handedOver: fig(r.handed_over, links.handedOver),
          pending: fig(r.pending, links.pending),
        };
      });
  }

  async function households(from: string, to: string, communes: string[] | null) {
    const [r] = await rows(
      `${PRESCRIPTIONS_CTE}
       SELECT count(*) AS equipped,
              count(*) FILTER (WHERE children > 0) AS with_children,
              coalesce(sum(children) FILTER (WHERE children > 0), 0) AS children
         FROM (SELECT household_id, max(coalesce(children_in_college, 0)) AS children
                 FROM p WHERE household_id IS NOT NULL AND handed_over_at BETWEEN CAST(:from AS date) AND CAST(:to AS date)
                GROUP BY household_id) h`,
      { from, to, communes: keys(communes) }
    );
    const scope: Condition[] = [...between(['prescriptions', 'handedOverAt'], from, to), ...(communes ? ([[['commune'], '$in', communes]] as Condition[]) : [])];
    const withChildren = listLink(HOUSEHOLD, [...scope, [['childrenInCollege'], '$gt', 0]]);
    return {
      equipped: fig(r?.equipped, listLink(HOUSEHOLD, scope)),
      withCollegeChildren: fig(r?.with_children, withChildren),
      collegeChildren: fig(r?.children, withChildren),
    };
  }

  /** What the line did in the period, from the history: units that entered each stage. */
  async function activity(from: string, to: string) {
    const result = await rows(
      `SELECT e.to_stage, count(DISTINCT e.subject_id) AS units
         FROM sv_pipeline_events e
        WHERE e.subject_type = :uid AND e.kind = 'transition'
          AND e.to_stage = ANY(CAST(:stages AS text[]))
          AND e.at >= ${midnightSql(':from')} AND e.at < ${midnightSql('CAST(:to AS date) + 1')}
        GROUP BY e.to_stage`,
      { from, to, uid: MACHINE, stages: [M.ready, M.handedOver, ...NOT_REUSED_STAGES] }
    );
    const count = (stage: string) => result.find((r) => r.to_stage === stage)?.units;
    // The content manager cannot filter on the history: these figures list no records.
    return {
      refurbished: fig(count(M.ready), null),
      handedOver: fig(count(M.handedOver), null),
      dismantled: fig(count(M.dismantled), null),
      recycled: fig(count(M.recycled), null),
    };
  }

  async function outreach(from: string, to: string) {
    const [r] = await rows(
      `SELECT count(*) AS sent, count(*) FILTER (WHERE outcome IS DISTINCT FROM 'no_answer') AS answered
         FROM sv_outreach_recipients
        WHERE delivery IN ('sent', 'letter') AND sent_at >= ${midnightSql(':from')} AND sent_at < ${midnightSql('CAST(:to AS date) + 1')}`,
      { from, to }
    );
    // Campaign recipients are not in the content manager: the outreach plugin's page lists them.
    return { sent: fig(r?.sent, null), answered: fig(r?.answered, null) };
  }

  return {
    /**
     * Checks the parameters against the database (the programme exists); throws a French
     * ValidationError. The programme only names the bilan: the form fills its period and
     * territory, and the bilan counts what it is asked (all communes stays all communes).
     */
    async resolve(params: BilanParams): Promise<{ params: BilanParams; programme: ProgrammeSummary | null }> {
      const prog = params.programme ? await programme(params.programme) : null;
      return { params, programme: prog };
    },

    async compute(input: BilanParams): Promise<Bilan> {
      const { params, programme: prog } = await this.resolve(input);
      const { from, to } = params;
      const communes = communesOf(params.territory);
      const [d, p, c, h, a, o, v] = await Promise.all([
        donors(from, to),
        prescribers(from, to, communes),
        byCommune(from, to, communes),
        households(from, to, communes),
        activity(from, to),
        outreach(from, to),
        // The team is the workshop's whatever the territory: its hours are not split by commune.
        strapi.plugin('reporting').service('volunteers').figures(from, to) as Promise<VolunteerFigures>,
      ]);
      return {
        params: { ...params, territoryLabel: territoryLabel(params.territory), communes },
        programme: prog,
        computedAt: now().toISOString(),
        donors: d.list,
        donorTotal: d.total,
        prescribers: p.list,
        prescriberTotal: p.total,
        communes: c,
        households: h,
        activity: a,
        outreach: o,
        volunteers: v,
      };
    },
  };
};
