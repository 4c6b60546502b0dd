'use strict';

// Indexes behind the admin's list filters and the reports, and database-level uniqueness of the
// human numbers (Strapi's `unique` is checked by the app only, which two concurrent writes pass).
//
// Strapi runs user migrations before it creates the content-type tables, so on a fresh database
// the tables do not exist yet: src/database/migrations.ts runs this file again after the schema
// sync. Every statement is idempotent.
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
  ['donors', 'stage'],
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
  async up(knex) {
    for (const [table, ...columns] of [...UNIQUE.map((u) => ['unique', ...u]), ...PLAIN.map((p) => ['plain', ...p])]) {
      const [tableName, ...cols] = columns;
      if (!(await knex.schema.hasTable(tableName))) continue;
      const name = `sv_${tableName}_${cols.join('_')}_${table === 'unique' ? 'uq' : 'idx'}`;
      const kind = table === 'unique' ? 'UNIQUE INDEX' : 'INDEX';
      await knex.raw(`CREATE ${kind} IF NOT EXISTS ?? ON ?? (${cols.map(() => '??').join(', ')})`, [name, tableName, ...cols]);
    }
  },
};
