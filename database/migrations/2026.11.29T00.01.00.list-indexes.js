'use strict';

// Indexes behind the admin's list filters and the reports, and database-level uniqueness of the
// human numbers (Strapi's `unique` is checked by the app only, which two concurrent writes pass).
//
// Runs once, after Strapi's schema sync has created the content-type tables (`afterSync`, run and
// recorded by src/database/migrations.ts).
const UNIQUE = [
  ['machines', 'label_code'],
  ['conventions', 'number'],
  ['prescriptions', 'number'],
  ['donations', 'reference'],
];

const PLAIN = [
  ['machines', 'serial_number'],
  ['machines', 'asset_tag'],
  ['machines', 'type'],
  ['machines', 'condition_grade'],
  ['donors', 'relationship'],
  ['donors', 'kind'],
  ['conventions', 'state', 'end_date'],
  ['conventions', 'kind', 'state'],
  ['donations', 'collected_at'],
  ['prescriptions', 'received_at'],
  ['prescriptions', 'handed_over_at'],
  ['households', 'commune'],
  ['interactions', 'next_step_due'],
  ['interactions', 'date'],
  ['parts', 'category'],
];

module.exports = {
  // Nothing to do before Strapi's schema sync: the tables come from it.
  async up() {},

  async afterSync(knex) {
    for (const [table, ...columns] of [...UNIQUE.map((u) => ['unique', ...u]), ...PLAIN.map((p) => ['plain', ...p])]) {
      const [tableName, ...cols] = columns;
      if (!(await knex.schema.hasTable(tableName))) continue;
      const name = `sv_${tableName}_${cols.join('_')}_${table === 'unique' ? 'uq' : 'idx'}`;
      const kind = table === 'unique' ? 'UNIQUE INDEX' : 'INDEX';
      await knex.raw(`CREATE ${kind} IF NOT EXISTS ?? ON ?? (${cols.map(() => '??').join(', ')})`, [name, tableName, ...cols]);
    }
  },
};
