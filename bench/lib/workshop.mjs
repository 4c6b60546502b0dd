// A synthetic workshop written with set-based SQL (generate_series): 20 donors, one donation per 500
// units, the units spread over every stage with their history (one event per move), prescriptions
// with their households in and around Brest, 2,000 outreach recipients. Shared by bench/reporting
// and bench/board.
import { performance } from 'node:perf_hooks';

export const BMO = ['Bohars', 'Brest', 'Gouesnou', 'Guilers', 'Guipavas', 'Le Relecq-Kerhuon', 'Plougastel-Daoulas', 'Plouzané'];

/** Writes the workshop with `db` (a connected pg client): seconds, not hours. */
export async function seedWorkshop(db, UNITS, PRESCRIPTIONS = Math.max(100, Math.round(UNITS / 20))) {
  const t = performance.now();
  await db.query('BEGIN');
  await db.query(`INSERT INTO donors (document_id, name, kind, relationship, public_listing_consent, created_at, updated_at)
    SELECT 'bench-donor-' || i, 'Donateur ' || i, 'company', 'partner', false, now(), now() FROM generate_series(1, 20) i`);
  const lots = Math.ceil(UNITS / 500);
  await db.query(`INSERT INTO donations (document_id, reference, announced_count, collected_at, created_at, updated_at)
    SELECT 'bench-lot-' || i, 'LOT-2011-' || lpad(i::text, 4, '0'), 500, DATE '2011-01-03' + (i * 730 / $1) * INTERVAL '1 day', now(), now()
      FROM generate_series(1, $1) i`, [lots]);
  await db.query(`INSERT INTO donations_donor_lnk (donation_id, donor_id, donation_ord)
    SELECT dn.id, d.id, 1 FROM donations dn JOIN donors d ON d.name = 'Donateur ' || (1 + (dn.id % 20))`);
  // Final stage by a fixed spread: 30 % ready, 5 % reserved, 5 % handed over, 10 % dismantled, 10 % recycled, the rest on the line.
  await db.query(`INSERT INTO machines (document_id, label_code, type, pipeline_stage, created_at, updated_at)
    SELECT 'bench-m-' || i, 'SV-' || lpad(i::text, 6, '0'), (ARRAY['desktop','laptop','all_in_one','screen','other'])[1 + i % 5],
           CASE WHEN i % 100 < 30 THEN 'ready' WHEN i % 100 < 35 THEN 'reserved' WHEN i % 100 < 40 THEN 'handed_over'
                WHEN i % 100 < 50 THEN 'dismantled' WHEN i % 100 < 60 THEN 'recycled'
                ELSE (ARRAY['received','sorting','testing','erasing','cleaning','reinstalling'])[1 + i % 6] END,
           now(), now()
      FROM generate_series(1, $1) i`, [UNITS]);
  await db.query(`INSERT INTO machines_donation_lnk (machine_id, donation_id, machine_ord)
    SELECT m.id, dn.id, 1 FROM machines m JOIN donations dn ON dn.document_id = 'bench-lot-' || (1 + (m.id - 1) / 500)`);
  await db.query(`INSERT INTO sv_pipeline_events (document_id, subject_type, subject_id, seq, kind, from_stage, to_stage, actor_type, at, hash, created_at, updated_at)
    SELECT 'bench-e-' || m.id || '-' || s, 'api::machine.machine', m.document_id, s + 1, CASE WHEN s = 0 THEN 'created' ELSE 'transition' END,
           CASE WHEN s = 0 THEN NULL ELSE p.path[s] END, p.path[s + 1], 'system',
           dn.collected_at + (s * 2 + m.id % 3) * INTERVAL '1 day' + INTERVAL '9 hours', md5(m.id || '-' || s), now(), now()
      FROM machines m
      JOIN machines_donation_lnk l ON l.machine_id = m.id
      JOIN donations dn ON dn.id = l.donation_id
      CROSS JOIN LATERAL (SELECT CASE WHEN m.pipeline_stage IN ('dismantled', 'recycled') THEN ARRAY['received', 'sorting', m.pipeline_stage]
           ELSE (ARRAY['received','sorting','testing','erasing','cleaning','reinstalling','ready','reserved','handed_over'])[1:array_position(ARRAY['received','sorting','testing','erasing','cleaning','reinstalling','ready','reserved','handed_over'], m.pipeline_stage)]
           END AS path) p
      CROSS JOIN LATERAL generate_series(0, array_length(p.path, 1) - 1) s`);
  await db.query(`INSERT INTO prescribers (document_id, name, kind, commune, created_at, updated_at)
    SELECT 'bench-pr-' || i, 'Prescripteur ' || i, 'ccas', ($1::text[])[1 + i % 8], now(), now() FROM generate_series(1, 30) i`, [BMO]);
  await db.query(`INSERT INTO households (document_id, reference_name, commune, children_in_college, created_at, updated_at)
    SELECT 'bench-h-' || i, 'Foyer ' || i, (ARRAY['Brest','Brest','Brest','Guipavas','Plouzané','Guilers','Quimper','Morlaix'])[1 + i % 8], i % 3, now(), now()
      FROM generate_series(1, $1) i`, [PRESCRIPTIONS]);
  await db.query(`INSERT INTO prescriptions (document_id, number, received_at, decided_at, handed_over_at, pipeline_stage, created_at, updated_at)
    SELECT 'bench-p-' || i, 'PR-2011-' || lpad(i::text, 6, '0'), DATE '2011-01-03' + (i % 700),
           CASE WHEN i % 10 = 0 THEN NULL ELSE DATE '2011-01-10' + (i % 700) END,
           CASE WHEN i % 10 < 6 AND i % 10 > 0 THEN DATE '2011-02-01' + (i % 700) END,
           CASE WHEN i % 10 = 0 THEN 'reviewing' WHEN i % 10 < 6 THEN 'handed_over' WHEN i % 10 = 9 THEN 'refused' ELSE 'accepted' END,
           now(), now()
      FROM generate_series(1, $1) i`, [PRESCRIPTIONS]);
  await db.query(`INSERT INTO prescriptions_household_lnk (prescription_id, household_id, prescription_ord)
    SELECT p.id, h.id, 1 FROM prescriptions p JOIN households h ON h.document_id = 'bench-h-' || substr(p.document_id, 9)`);
  await db.query(`INSERT INTO prescriptions_prescriber_lnk (prescription_id, prescriber_id, prescription_ord)
    SELECT p.id, pr.id, 1 FROM prescriptions p JOIN prescribers pr ON pr.document_id = 'bench-pr-' || (1 + p.id % 30)`);
  await db.query(`INSERT INTO sv_outreach_recipients (document_id, name, delivery, sent_at, outcome, created_at, updated_at)
    SELECT 'bench-o-' || i, 'Structure ' || i, (ARRAY['sent','letter','failed','pending'])[1 + i % 4], TIMESTAMP '2011-06-01' + (i % 600) * INTERVAL '1 day',
           (ARRAY['no_answer','answered','meeting_set','declined','no_answer'])[1 + i % 5], now(), now()
      FROM generate_series(1, 2000) i`);
  await db.query('COMMIT');
  await db.query('ANALYZE');
  const { rows: [c] } = await db.query('SELECT (SELECT count(*) FROM machines)::int AS m, (SELECT count(*) FROM sv_pipeline_events)::int AS e');
  process.stderr.write(`seeded ${c.m} units, ${c.e} events, ${PRESCRIPTIONS} prescriptions in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}
