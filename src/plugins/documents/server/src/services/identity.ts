import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { UID } from '../utils';
import type { WorkshopIdentity } from '../../../../../shared/server/documents';

// What other plugins read of it too: one definition, in the kernel.
export type { WorkshopIdentity };

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const LOGO_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml']);

/**
 * The workshop as documents present it: the settings single type, completed by the default
 * workshop record. The logo is inlined (the renderer loads nothing from disk or network).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(): Promise<WorkshopIdentity> {
    const settings = ((await strapi.db.query(UID.settings).findOne({ populate: { logo: true } })) ?? {}) as Row;
    const workshop = ((await strapi.db.query('api::workshop.workshop').findOne({ where: { isDefault: true } })) ?? {}) as Row;
    return {
      name: str(settings.name) ?? str(workshop.name) ?? 'Atelier Seconde Vie',
      legalForm: str(settings.legalForm),
      address: str(settings.address) ?? str(workshop.address),
      postalCode: str(settings.postalCode) ?? str(workshop.postalCode),
      commune: str(settings.commune) ?? str(workshop.commune),
      siret: str(settings.siret),
      email: str(settings.email),
      phone: str(settings.phone),
      signatoryName: str(settings.signatoryName),
      signatoryRole: str(settings.signatoryRole),
      logoDataUrl: await logoDataUrl(strapi, settings.logo as Row | null),
    };
  },
});

async function logoDataUrl(strapi: Core.Strapi, logo: Row | null): Promise<string | null> {
  const url = str(logo?.url);
  const mime = str(logo?.mime);
  if (!url || !mime || !LOGO_TYPES.has(mime) || !url.startsWith('/uploads/')) return null;
  const publicDir = path.resolve(strapi.dirs.static.public);
  const file = path.resolve(publicDir, `.${decodeURIComponent(url)}`);
  if (!file.startsWith(publicDir + path.sep)) return null;
  const data = await fs.readFile(file).catch(() => null);
  return data ? `data:${mime};base64,${data.toString('base64')}` : null;
}
