import type { Core } from '@strapi/strapi';
import { foldImpact, type Impact, type ImpactRow, type Metric } from '../domain/impact';
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

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: { at: number; value: Impact } | null = null;
  let pending: Promise<Impact> | null = null;

  /**
   * One SQL statement of aggregates (never a loop over rows): the year a unit first reached a
   * stage comes from the append-only history (sv_pipeline_events); received units count by the
   * collection date of their batch (or their registration date).
   */
  async function compute(): Promise<Impact> {
    const machineDonation = joinTable(strapi, 'api::machine.machine', 'donation');
    const prescriptionHousehold = joinTable(strapi, 'api::prescription.prescription', 'household');
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
       )
       SELECT 'received' AS metric, year, COUNT(*)::int AS value FROM machine_years GROUP BY year
       UNION ALL
       SELECT 'refurbished', EXTRACT(YEAR FROM at)::int, COUNT(*)::int FROM refurbished GROUP BY 2
       UNION ALL
       SELECT 'kg', EXTRACT(YEAR FROM r.at)::int, COALESCE(SUM(${weightCase}), 0)::float
       FROM refurbished r JOIN (SELECT DISTINCT document_id, type FROM machines) m ON m.document_id = r.subject_id GROUP BY 2
       UNION ALL
       SELECT CASE to_stage WHEN ? THEN 'handedOver' ELSE to_stage END, EXTRACT(YEAR FROM at)::int, COUNT(DISTINCT subject_id)::int
       FROM firsts WHERE subject_type = 'api::machine.machine' AND to_stage = ANY(?) GROUP BY 1, 2
       UNION ALL
       SELECT 'households', year, COUNT(DISTINCT household_id)::int FROM (
         SELECT ph.${prescriptionHousehold.inverse} AS household_id, EXTRACT(YEAR FROM MIN(f.at))::int AS year
         FROM firsts f
         JOIN prescriptions p ON p.document_id = f.subject_id
         JOIN ${prescriptionHousehold.name} ph ON ph.${prescriptionHousehold.join} = p.id
         WHERE f.subject_type = 'api::prescription.prescription' AND f.to_stage = ?
         GROUP BY ph.${prescriptionHousehold.inverse}
       ) h GROUP BY year`,
      [REFURBISHED_STAGES, ...weightBindings, MACHINE_STAGE.handedOver, [...MACHINE_OUTCOME_STAGES], PRESCRIPTION_STAGE.handedOver],
    );
    const rows = (result.rows as Array<{ metric: Metric; year: number | null; value: number | string }>).map(
      (r): ImpactRow => ({ metric: r.metric, year: r.year === null ? null : Number(r.year), value: Number(r.value) }),
    );
    return foldImpact(rows, new Date());
  }

  return {
    compute,
    /** The figures, kept in memory for impactCacheSeconds (60 s by default). */
    async get(): Promise<Impact> {
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
    },
    clear() {
      cached = null;
    },
  };
};
