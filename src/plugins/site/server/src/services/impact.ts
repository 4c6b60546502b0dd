import type { Core } from '@strapi/strapi';
import { foldImpact, type Impact, type ImpactRow, type Metric } from '../domain/impact';
import { defaultWorkshopId } from '../../../../../shared/server/default-workshop';
import { WEIGHTS_KG } from '../../../../../shared/server/weights';
import { siteConfig } from '../utils';
import { MACHINE_OUTCOME_STAGES, MACHINE_STAGE, PRESCRIPTION_STAGE, RELEASE_STAGES } from '../../../../../shared/vocabulary';

/** Stages a unit reaches once it is refurbished (Prête and beyond). */
export const REFURBISHED_STAGES = [...RELEASE_STAGES];

function joinTable(strapi: Core.Strapi, uid: string, attribute: string): { name: string; join: string; inverse: string } {
  // Link tables are named by Strapi; their names come from the metadata, not from guesses.
  const attr = strapi.db.metadata.get(uid).attributes[attribute] as unknown as {
    joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  };
  return { name: attr.joinTable.name, join: attr.joinTable.joinColumn.name, inverse: attr.joinTable.inverseJoinColumn.name };
}

/** The network's figures and each workshop's (by workshop id). */
export interface NetworkImpact {
  network: Impact;
  workshops: Record<number, Impact>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: { at: number; value: NetworkImpact } | null = null;
  let pending: Promise<NetworkImpact> | null = null;

  /**
   * One SQL statement of aggregates (never a loop over rows), grouped by workshop: the year a
   * unit first reached a stage comes from the append-only history (sv_pipeline_events); received
   * units count by the collection date of their batch (or their registration date). A unit counts
   * for its own workshop, a household for the workshop of the prescription that equipped it; a
   * record without a workshop (or a history line whose unit is gone) counts for the default one,
   * so the workshops' figures add up to the network's. Households are the one exception: the
   * network counts each household once, even if two workshops equipped it.
   */
  async function compute(): Promise<NetworkImpact> {
    const machineDonation = joinTable(strapi, 'api::machine.machine', 'donation');
    const machineWorkshop = joinTable(strapi, 'api::machine.machine', 'workshop');
    const prescriptionHousehold = joinTable(strapi, 'api::prescription.prescription', 'household');
    const prescriptionWorkshop = joinTable(strapi, 'api::prescription.prescription', 'workshop');
    const fallback = await defaultWorkshopId(strapi);
    const weightCase = `CASE m.type ${Object.entries(WEIGHTS_KG).map(([type]) => `WHEN '${type}' THEN ?::numeric`).join(' ')} ELSE ?::numeric END`;
    const weightBindings = [...Object.values(WEIGHTS_KG), WEIGHTS_KG.other];
    // Raw SQL: one grouped statement over the history and the machines, which the query engine cannot express.
    const result = await strapi.db.connection.raw(
      `WITH firsts AS (
         SELECT e.subject_type, e.subject_id, e.to_stage, MIN(e.at) AS at
         FROM sv_pipeline_events e
         WHERE e.kind = 'transition' AND e.subject_type IN ('api::machine.machine', 'api::prescription.prescription')
         GROUP BY e.subject_type, e.subject_id, e.to_stage
       ),
       machine_ws AS (
         SELECT m.document_id, MIN(mw.${machineWorkshop.inverse}) AS workshop_id
         FROM machines m LEFT JOIN ${machineWorkshop.name} mw ON mw.${machineWorkshop.join} = m.id
         GROUP BY m.document_id
       ),
       refurbished AS (
         SELECT subject_id, MIN(at) AS at FROM firsts
         WHERE subject_type = 'api::machine.machine' AND to_stage = ANY(?) GROUP BY subject_id
       ),
       machine_years AS (
         SELECT m.document_id, EXTRACT(YEAR FROM COALESCE(MIN(d.collected_at)::timestamp, MIN(m.created_at)))::int AS year
         FROM machines m
         LEFT JOIN ${machineDonation.name} md ON md.${machineDonation.join} = m.id
         LEFT JOIN donations d ON d.id = md.${machineDonation.inverse}
         GROUP BY m.document_id
       ),
       equipped AS (
         SELECT ph.${prescriptionHousehold.inverse} AS household_id, COALESCE(pw.${prescriptionWorkshop.inverse}, ?::int) AS workshop_id, MIN(f.at) AS at
         FROM firsts f
         JOIN prescriptions p ON p.document_id = f.subject_id
         JOIN ${prescriptionHousehold.name} ph ON ph.${prescriptionHousehold.join} = p.id
         LEFT JOIN ${prescriptionWorkshop.name} pw ON pw.${prescriptionWorkshop.join} = p.id
         WHERE f.subject_type = 'api::prescription.prescription' AND f.to_stage = ?
         GROUP BY 1, 2
       )
       SELECT 'received' AS metric, my.year, COALESCE(w.workshop_id, ?::int) AS workshop_id, COUNT(*)::int AS value
       FROM machine_years my LEFT JOIN machine_ws w ON w.document_id = my.document_id GROUP BY 2, 3
       UNION ALL
       SELECT 'refurbished', EXTRACT(YEAR FROM r.at)::int, COALESCE(w.workshop_id, ?::int), COUNT(*)::int
       FROM refurbished r LEFT JOIN machine_ws w ON w.document_id = r.subject_id GROUP BY 2, 3
       UNION ALL
       SELECT 'kg', EXTRACT(YEAR FROM r.at)::int, COALESCE(w.workshop_id, ?::int), COALESCE(SUM(${weightCase}), 0)::float
       FROM refurbished r JOIN (SELECT DISTINCT document_id, type FROM machines) m ON m.document_id = r.subject_id
       LEFT JOIN machine_ws w ON w.document_id = r.subject_id GROUP BY 2, 3
       UNION ALL
       SELECT CASE f.to_stage WHEN ? THEN 'handedOver' ELSE f.to_stage END, EXTRACT(YEAR FROM f.at)::int, COALESCE(w.workshop_id, ?::int), COUNT(DISTINCT f.subject_id)::int
       FROM firsts f LEFT JOIN machine_ws w ON w.document_id = f.subject_id
       WHERE f.subject_type = 'api::machine.machine' AND f.to_stage = ANY(?) GROUP BY 1, 2, 3
       UNION ALL
       SELECT 'households', EXTRACT(YEAR FROM at)::int, workshop_id, COUNT(*)::int FROM equipped GROUP BY 2, 3
       UNION ALL
       SELECT 'networkHouseholds', year, NULL, COUNT(*)::int FROM (
         SELECT household_id, EXTRACT(YEAR FROM MIN(at))::int AS year FROM equipped GROUP BY household_id
       ) h GROUP BY year`,
      [
        REFURBISHED_STAGES,
        fallback,
        PRESCRIPTION_STAGE.handedOver,
        fallback,
        fallback,
        fallback,
        ...weightBindings,
        MACHINE_STAGE.handedOver,
        fallback,
        [...MACHINE_OUTCOME_STAGES],
      ],
    );
    const raw = result.rows as Array<{ metric: Metric | 'networkHouseholds'; year: number | null; workshop_id: number | null; value: number | string }>;
    const now = new Date();
    const toRow = (r: (typeof raw)[number], metric: Metric): ImpactRow => ({ metric, year: r.year === null ? null : Number(r.year), value: Number(r.value) });
    const networkRows: ImpactRow[] = [];
    const byWorkshop = new Map<number, ImpactRow[]>();
    for (const r of raw) {
      if (r.metric === 'networkHouseholds') {
        networkRows.push(toRow(r, 'households'));
        continue;
      }
      if (r.metric !== 'households') networkRows.push(toRow(r, r.metric));
      if (r.workshop_id == null) continue;
      const id = Number(r.workshop_id);
      byWorkshop.set(id, [...(byWorkshop.get(id) ?? []), toRow(r, r.metric)]);
    }
    const workshops: Record<number, Impact> = {};
    for (const [id, rows] of byWorkshop) workshops[id] = foldImpact(rows, now);
    return { network: foldImpact(networkRows, now), workshops };
  }

  /** The figures, kept in memory for impactCacheSeconds (60 s by default). */
  async function all(): Promise<NetworkImpact> {
    const ttl = siteConfig(strapi).impactCacheSeconds * 1000;
    if (cached && Date.now() - cached.at < ttl) return cached.value;
    if (!pending) {
      pending = compute()
        .then((value) => {
          cached = { at: Date.now(), value };
          return value;
        })
        .finally(() => {
          pending = null;
        });
    }
    return pending;
  }

  return {
    compute,
    all,
    /** The network's figures (every workshop). */
    async get(): Promise<Impact> {
      return (await all()).network;
    },
    /** One workshop's figures (zeros for a workshop with no activity yet). */
    async ofWorkshop(workshopId: number): Promise<Impact> {
      const value = await all();
      return value.workshops[workshopId] ?? foldImpact([], new Date(value.network.computedAt));
    },
    clear() {
      cached = null;
    },
  };
};
