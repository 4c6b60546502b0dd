import { midnightSql } from '../../../../../shared/server/clock';
import type { Core } from '@strapi/strapi';
import { MACHINE_STAGE } from '../../../../../shared/vocabulary';
import type { WeeeRegister, WeeeRow } from '../../../shared/contracts';
import { WEIGHTS_KG } from '../../../../../shared/server/weights';
import { ALL, scopeFilter, workshopOf, type WorkshopScope } from '../scope';

type Row = Record<string, unknown>;
const str = (v: unknown) => (v == null ? null : String(v));
const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString() : String(v));

/**
 * The WEEE register (registre des déchets, kept 3 years): every unit that entered « Recyclage
 * DEEE » in the period, with its estimated weight (the site's per-type estimates) and, once
 * shipped, the recycler and the tracking reference of the shipment (api::weee-shipment).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async register(from: string, to: string, scope: WorkshopScope = ALL): Promise<WeeeRegister> {
    const ws = scopeFilter(workshopOf(strapi, 'api::machine.machine', 'm.id'), scope);
    const weights = Object.entries(WEIGHTS_KG);
    // One VALUES row per type, so the weight is joined (and summed) in SQL.
    const values = weights.map((_, i) => `(CAST(:t${i} AS text), CAST(:w${i} AS numeric))`).join(', ');
    const bindings: Record<string, unknown> = { from, to, uid: 'api::machine.machine', recycled: MACHINE_STAGE.recycled, ...ws.bindings };
    weights.forEach(([type, kg], i) => {
      bindings[`t${i}`] = type;
      bindings[`w${i}`] = kg;
    });
    const result = ((await strapi.db.connection.raw(
      `WITH recycled AS (
         SELECT subject_id, max(at) AS at FROM sv_pipeline_events
          WHERE subject_type = :uid AND kind = 'transition' AND to_stage = :recycled
          GROUP BY subject_id),
       w(type, kg) AS (VALUES ${values}),
       reg AS (
         SELECT m.label_code, m.type, m.serial_number, d.name AS donor, r.at AS recycled_at, coalesce(w.kg, 0) AS weight_kg,
                s.recycler, s.tracking_reference, s.shipped_at, m.id
           FROM recycled r
           JOIN machines m ON m.document_id = r.subject_id AND m.pipeline_stage = :recycled
           LEFT JOIN w ON w.type = m.type
           LEFT JOIN machines_donation_lnk md ON md.machine_id = m.id
           LEFT JOIN donations_donor_lnk dd ON dd.donation_id = md.donation_id
           LEFT JOIN donors d ON d.id = dd.donor_id
           LEFT JOIN LATERAL (
             SELECT ws.recycler, ws.tracking_reference, ws.shipped_at FROM weee_shipments_machines_lnk wl
               JOIN weee_shipments ws ON ws.id = wl.weee_shipment_id
              WHERE wl.machine_id = m.id ORDER BY ws.shipped_at DESC NULLS LAST LIMIT 1) s ON true
          WHERE r.at >= ${midnightSql(':from')} AND r.at < ${midnightSql('CAST(:to AS date) + 1')} AND ${ws.sql})
       SELECT reg.*, count(*) OVER () AS total_count, sum(weight_kg) OVER () AS total_weight
         FROM reg ORDER BY recycled_at, label_code`,
      bindings
    )) as { rows: Row[] }).rows;
    const rows: WeeeRow[] = result.map((r) => ({
      labelCode: str(r.label_code),
      type: String(r.type),
      serialNumber: str(r.serial_number),
      donor: str(r.donor),
      recycledAt: String(iso(r.recycled_at)),
      weightKg: Number(r.weight_kg),
      recycler: str(r.recycler),
      trackingReference: str(r.tracking_reference),
      shippedAt: str(r.shipped_at),
    }));
    return { from, to, rows, count: Number(result[0]?.total_count ?? 0), totalWeightKg: Number(result[0]?.total_weight ?? 0) };
  },
});
