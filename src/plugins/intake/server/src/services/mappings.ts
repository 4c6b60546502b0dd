import type { Core } from '@strapi/strapi';
import type { ColumnMapping, ColumnMappingInput, FormatId, Target } from '../../../shared/contracts';
import { TARGETS } from '../../../shared/contracts';

const MAPPING = 'plugin::intake.saved-mapping';

interface SavedRow {
  id: number;
  donor: string | null;
  format: string;
  mapping: Record<string, unknown> | null;
}

const clean = (value: Record<string, unknown> | null): ColumnMappingInput =>
  Object.fromEntries(Object.entries(value ?? {}).filter((e): e is [string, Target] => TARGETS.includes(e[1] as Target)));

/**
 * The column mappings staff chose, remembered per donor and format (and, for a known format, per
 * format for any donor): the next export of the same kind opens with the same columns.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The remembered mapping of each format, this donor's first, else any donor's for a known format. */
  async forDonor(donor: string | null): Promise<(format: FormatId) => ColumnMappingInput | undefined> {
    const rows = (await strapi.db.query(MAPPING).findMany({
      where: donor ? { $or: [{ donor }, { donor: { $null: true } }] } : { donor: { $null: true } },
    })) as SavedRow[];
    return (format) => {
      const own = rows.find((r) => r.donor === donor && donor !== null && r.format === format);
      const shared = format === 'unknown' ? undefined : rows.find((r) => r.donor === null && r.format === format);
      const row = own ?? shared;
      return row ? clean(row.mapping) : undefined;
    };
  },

  /** Remembers the columns staff mapped themselves (today or before) at a successful import. */
  async remember(donor: string | null, format: FormatId, columns: ColumnMapping[]): Promise<void> {
    const mapping = Object.fromEntries(columns.filter((c) => c.source === 'chosen' || c.source === 'remembered').map((c) => [c.header, c.target]));
    const owners = [donor, ...(format === 'unknown' ? [] : [null])].filter((o, i, all) => all.indexOf(o) === i);
    for (const owner of owners) {
      if (owner === null && donor !== null && Object.keys(mapping).length === 0) continue;
      const existing = (await strapi.db.query(MAPPING).findOne({ where: { donor: owner ?? { $null: true }, format } })) as SavedRow | null;
      if (existing) await strapi.db.query(MAPPING).update({ where: { id: existing.id }, data: { mapping } });
      else await strapi.db.query(MAPPING).create({ data: { donor: owner, format, mapping } });
    }
  },
});
