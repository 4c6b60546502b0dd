import type { Core } from '@strapi/strapi';
import { routeByPostcode, type RoutableWorkshop } from '../domain/routing';

/**
 * What the public site may show of a workshop: its name, code, place and the postcodes it covers.
 * Never its staff (`members`) nor its coordinators' addresses: the select below is the whole list.
 */
export interface PublicWorkshop {
  id: number;
  code: string | null;
  name: string;
  commune: string;
  address: string | null;
  postalCode: string | null;
  postalCodes: string | null;
  isDefault: boolean;
}

const PUBLIC_FIELDS = ['id', 'code', 'name', 'commune', 'address', 'postalCode', 'postalCodes', 'isDefault'] as const;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Every workshop of the network, the default one first, then by name. */
  async workshops(): Promise<PublicWorkshop[]> {
    const rows = (await strapi.db.query('api::workshop.workshop').findMany({ select: [...PUBLIC_FIELDS], orderBy: [{ isDefault: 'desc' }, { name: 'asc' }] })) as PublicWorkshop[];
    return rows.map((w) => ({ ...w, isDefault: w.isDefault === true }));
  },

  /** One workshop by its code (case ignored), or null. */
  async byCode(code: string): Promise<PublicWorkshop | null> {
    if (!/^[A-Za-z0-9]{1,6}$/.test(code)) return null;
    const row = (await strapi.db.query('api::workshop.workshop').findOne({ where: { code: code.toUpperCase() }, select: [...PUBLIC_FIELDS] })) as PublicWorkshop | null;
    return row ? { ...row, isDefault: row.isDefault === true } : null;
  },

  /** The workshop a visitor's postcode goes to (src/plugins/site/server/src/domain/routing.ts): its id, or null with no workshop at all. */
  async route(postcode: string | null): Promise<number | null> {
    const rows = (await strapi.db.query('api::workshop.workshop').findMany({ select: ['id', 'postalCodes', 'isDefault'] })) as RoutableWorkshop[];
    return routeByPostcode(postcode, rows);
  },
});
