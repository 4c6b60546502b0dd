import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Bilan, BilanParams, CoveredWorkshops, WorkshopBreakdown, CommuneRow, DonorRow, Figure, PrescriberRow, ProgrammeSummary, VolunteerFigures } from '../../../shared/contracts';
import { between, listLink, type Condition } from '../domain/links';
import { MESSAGES } from '../domain/messages';
import { communesOf, isTerritory, territoryLabel } from '../domain/territories';
import { communeKey, communeKeySql } from '../../../../../shared/server/territories';
import { midnightSql, now } from '../../../../../shared/server/clock';
import { ALL, describe, scopeFilter, workshopCondition, workshopOf, type WorkshopScope } from '../scope';
import { isNetworkView } from './network';
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

  async function programme(documentId: string, scope: WorkshopScope): Promise<ProgrammeSummary> {
    // Another workshop's programme is unknown here, as it is in the content manager.
    const p = (await strapi.db.query(PROGRAMME).findOne({ where: { documentId, ...(scope.all ? {} : { workshop: { id: { $in: scope.ids } } }) } })) as Row | null;
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

  async function donors(from: string, to: string, scope: WorkshopScope): Promise<{ list: DonorRow[]; total: DonorRow }> {
    const ws = scopeFilter(workshopOf(strapi, MACHINE, 'm.id'), scope);
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
        WHERE dn.collected_at BETWEEN CAST(:from AS date) AND CAST(:to AS date) AND ${ws.sql}
        GROUP BY ROLLUP ((d.id, d.name))
        ORDER BY GROUPING(d.id), d.name`,
      { from, to, reused: REUSED_STAGES, done: DONE, handedOver: M.handedOver, dismantled: M.dismantled, recycled: M.recycled, ...ws.bindings }
    );
    const toRow = (r: Row | undefined, donorId: number | null): DonorRow => {
      const base: Condition[] = [...between(['donation', 'collectedAt'], from, to), ...workshopCondition(scope), ...(donorId ? ([[['donation', 'donor', 'id'], '$eq', donorId]] as Condition[]) : [])];
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
  const PRESCRIPTIONS_CTE = (ws: string) => `WITH p AS (
      SELECT p.id, p.received_at, p.decided_at, p.handed_over_at, p.pipeline_stage,
             pr.id AS prescriber_id, pr.name AS prescriber_name,
             h.id AS household_id, h.commune, h.children_in_college
        FROM prescriptions p
        LEFT JOIN prescriptions_prescriber_lnk pp ON pp.prescription_id = p.id
        LEFT JOIN prescribers pr ON pr.id = pp.prescriber_id
        LEFT JOIN prescriptions_household_lnk ph ON ph.prescription_id = p.id
        LEFT JOIN households h ON h.id = ph.household_id
       WHERE (CAST(:communes AS text[]) IS NULL OR ${communeKeySql('h.commune')} = ANY(CAST(:communes AS text[]))) AND ${ws})`;

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

  /** The prescriptions' scope: the prescription's own workshop. */
  const prescriptionScope = (scope: WorkshopScope) => scopeFilter(workshopOf(strapi, PRESCRIPTION, 'p.id'), scope);

  async function prescribers(from: string, to: string, communes: string[] | null, scope: WorkshopScope) {
    const ws = prescriptionScope(scope);
    const result = await rows(
      `${PRESCRIPTIONS_CTE(ws.sql)}
       SELECT prescriber_id, prescriber_name, ${PRESCRIPTION_FIGURES}, GROUPING(prescriber_id) AS is_total
         FROM p GROUP BY ROLLUP ((prescriber_id, prescriber_name))
        ORDER BY GROUPING(prescriber_id), prescriber_name NULLS LAST`,
      { from, to, communes: keys(communes), notAccepted: NOT_ACCEPTED, dropped: DROPPED, ...ws.bindings }
    );
    const territory: Condition[] = [...(communes ? ([[['household', 'commune'], '$in', communes]] as Condition[]) : []), ...workshopCondition(scope)];
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

  async function byCommune(from: string, to: string, communes: string[] | null, scope: WorkshopScope): Promise<CommuneRow[]> {
    const ws = prescriptionScope(scope);
    const result = await rows(
      `${PRESCRIPTIONS_CTE(ws.sql)}
       SELECT commune, ${PRESCRIPTION_FIGURES}
         FROM p GROUP BY commune ORDER BY commune NULLS LAST`,
      { from, to, communes: keys(communes), notAccepted: NOT_ACCEPTED, dropped: DROPPED, ...ws.bindings }
    );
    return result
      .filter((r) => n(r.received) + n(r.handed_over) + n(r.pending) > 0)
      .map((r) => {
        const commune = r.commune == null ? null : String(r.commune);
        const links = prescriptionLinks(from, to, [commune ? [['household', 'commune'], '$eq', commune] : [['household', 'id'], '$null', true], ...workshopCondition(scope)]);
        return {
          commune: commune ?? 'Commune non renseignée',
          received: fig(r.received, links.received),
          handedOver: fig(r.handed_over, links.handedOver),
          pending: fig(r.pending, links.pending),
        };
      });
  }

  async function households(from: string, to: string, communes: string[] | null, scope: WorkshopScope) {
    const ws = prescriptionScope(scope);
    const [r] = await rows(
      `${PRESCRIPTIONS_CTE(ws.sql)}
       SELECT count(*) AS equipped,
              count(*) FILTER (WHERE children > 0) AS with_children,
              coalesce(sum(children) FILTER (WHERE children > 0), 0) AS children
         FROM (SELECT household_id, max(coalesce(children_in_college, 0)) AS children
                 FROM p WHERE household_id IS NOT NULL AND handed_over_at BETWEEN CAST(:from AS date) AND CAST(:to AS date)
                GROUP BY household_id) h`,
      { from, to, communes: keys(communes), ...ws.bindings }
    );
    const conditions: Condition[] = [
      ...between(['prescriptions', 'handedOverAt'], from, to),
      ...(communes ? ([[['commune'], '$in', communes]] as Condition[]) : []),
      ...workshopCondition(scope, ['prescriptions', 'workshop', 'id']),
    ];
    const withChildren = listLink(HOUSEHOLD, [...conditions, [['childrenInCollege'], '$gt', 0]]);
    return {
      equipped: fig(r?.equipped, listLink(HOUSEHOLD, conditions)),
      withCollegeChildren: fig(r?.with_children, withChildren),
      collegeChildren: fig(r?.children, withChildren),
    };
  }

  /** What the line did in the period, from the history: units that entered each stage. */
  async function activity(from: string, to: string, scope: WorkshopScope) {
    // The unit's workshop today (a unit stays in its workshop); every event for the network, deleted units' included.
    const ws = scopeFilter(workshopOf(strapi, MACHINE, 'm.id'), scope);
    const result = await rows(
      `SELECT e.to_stage, count(DISTINCT e.subject_id) AS units
         FROM sv_pipeline_events e
         LEFT JOIN machines m ON m.document_id = e.subject_id
        WHERE e.subject_type = :uid AND e.kind = 'transition' AND ${ws.sql}
          AND e.to_stage = ANY(CAST(:stages AS text[]))
          AND e.at >= ${midnightSql(':from')} AND e.at < ${midnightSql('CAST(:to AS date) + 1')}
        GROUP BY e.to_stage`,
      { from, to, uid: MACHINE, stages: [M.ready, M.handedOver, ...NOT_REUSED_STAGES], ...ws.bindings }
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

  async function outreach(from: string, to: string, scope: WorkshopScope) {
    // A campaign reaches prescribers (a workshop's) and donors (shared, followed by a workshop):
    // a recipient counts for the workshop of its prescriber, else the one following its donor.
    const RECIPIENT = 'plugin::outreach.recipient';
    const ws = scope.all
      ? scopeFilter('NULL', scope)
      : scopeFilter(
          `coalesce(${workshopOf(strapi, 'api::prescriber.prescriber', `(SELECT ${linkColumn(RECIPIENT, 'prescriber')})`)}, ${workshopOf(strapi, 'api::donor.donor', `(SELECT ${linkColumn(RECIPIENT, 'donor')})`, 'followedBy')})`,
          scope
        );
    const [r] = await rows(
      `SELECT count(*) AS sent, count(*) FILTER (WHERE outcome IS DISTINCT FROM 'no_answer') AS answered
         FROM sv_outreach_recipients r
        WHERE delivery IN ('sent', 'letter') AND sent_at >= ${midnightSql(':from')} AND sent_at < ${midnightSql('CAST(:to AS date) + 1')} AND ${ws.sql}`,
      { from, to, ...ws.bindings }
    );
    // Campaign recipients are not in the content manager: the outreach plugin's page lists them.
    return { sent: fig(r?.sent, null), answered: fig(r?.answered, null) };
  }

  /** `<target id column> FROM <link table> WHERE <recipient column> = r.id LIMIT 1`: a recipient's prescriber or donor id. */
  function linkColumn(uid: string, attribute: string): string {
    const meta = strapi.db.metadata.get(uid as never) as unknown as {
      attributes: Record<string, { joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } } }>;
    };
    const jt = meta.attributes[attribute]?.joinTable;
    if (!jt) throw new Error(`${uid}.${attribute} : pas de table de liaison`);
    return `${jt.inverseJoinColumn.name} FROM ${jt.name} WHERE ${jt.joinColumn.name} = r.id LIMIT 1`;
  }

  async function erasures(from: string, to: string, scope: WorkshopScope) {
    const ws = scopeFilter(workshopOf(strapi, MACHINE, 'm.id'), scope);
    const [r] = await rows(
      `SELECT count(DISTINCT g.target_document_id) AS certified
         FROM documents_generated g LEFT JOIN machines m ON m.document_id = g.target_document_id
        WHERE g.kind = 'erasure-certificate' AND g.target_uid = :uid
          AND g.generated_at >= ${midnightSql(':from')} AND g.generated_at < ${midnightSql('CAST(:to AS date) + 1')} AND ${ws.sql}`,
      { from, to, uid: MACHINE, ...ws.bindings }
    );
    // Issued documents are listed by the documents plugin, not the content manager.
    return { certified: fig(r?.certified, null) };
  }

  return {
    /**
     * Checks the parameters against the database (the programme exists); throws a French
     * ValidationError. The programme only names the bilan: the form fills its period and
     * territory, and the bilan counts what it is asked (all communes stays all communes).
     */
    async resolve(params: BilanParams, scope: WorkshopScope = ALL): Promise<{ params: BilanParams; programme: ProgrammeSummary | null }> {
      const prog = params.programme ? await programme(params.programme, scope) : null;
      return { params, programme: prog };
    },

    /**
     * The bilan of the workshops in `scope` (every workshop by default: the caller resolves
     * the request's scope, see ../scope.ts); `covered` names them in the answer.
     */
    async compute(input: BilanParams, scope: WorkshopScope = ALL, covered?: CoveredWorkshops): Promise<Bilan> {
      const { params, programme: prog } = await this.resolve(input, scope);
      const { from, to } = params;
      const communes = communesOf(params.territory);
      const [d, p, c, h, a, o, v, e, w, s] = await Promise.all([
        donors(from, to, scope),
        prescribers(from, to, communes, scope),
        byCommune(from, to, communes, scope),
        households(from, to, communes, scope),
        activity(from, to, scope),
        outreach(from, to, scope),
        // The team is the workshop's whatever the territory: its hours are not split by commune.
        strapi.plugin('reporting').service('volunteers').figures(from, to, scope) as Promise<VolunteerFigures>,
        erasures(from, to, scope),
        isNetworkView(scope) ? (strapi.plugin('reporting').service('network').breakdown(from, to, scope, communes) as Promise<WorkshopBreakdown>) : Promise.resolve(null),
        covered ? Promise.resolve(covered) : describe(strapi, scope),
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
        erasures: e,
        scope: s,
        byWorkshop: w,
      };
    },
  };
};
