import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { UID } from '../utils';
import type { WorkshopIdentity } from '../../../../../shared/server/documents';
import { workshopOfRecord } from '../scope';

// What other plugins read of it too: one definition, in the kernel.
export type { WorkshopIdentity };

/**
 * The identity a document prints, with the workshop of the network that issues it: its code
 * (numbering prefix, `SV` for the default workshop) and whether it is the default one (whose
 * numbers keep their short form).
 */
export interface IssuingWorkshop extends WorkshopIdentity {
  code: string | null;
  isDefault: boolean;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const LOGO_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml']);

/**
 * The workshop as documents present it: the settings single type, completed by the default
 * workshop record. The logo is inlined (the renderer loads nothing from disk or network).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The default workshop's identity: the settings first (unchanged since before the network). */
  async get(): Promise<WorkshopIdentity> {
    const { code: _code, ...identity } = await defaultIdentityOf(strapi);
    return identity;
  },

  /**
   * The identity of a workshop of the network (null: the default one). The default workshop
   * prints the settings, as before the network; another workshop prints its own name, address,
   * postcode, commune (and its coordinators' first address when it has one). Its legal details
   * (legal form, SIRET, telephone, signatory) are its own when it is a legal entity of its own
   * (an association of the network), else the settings': one association with several
   * workshops. The logo is the settings'.
   */
  async forWorkshop(workshopId: number | null): Promise<IssuingWorkshop> {
    const row = (workshopId == null ? null : await strapi.db.query('api::workshop.workshop').findOne({ where: { id: workshopId } })) as Row | null;
    const base = await defaultIdentityOf(strapi);
    if (!row || row.isDefault !== false) return { ...base, isDefault: true };
    const coordinators = str(row.coordinatorsEmail)?.split(',')[0]?.trim() || null;
    return {
      ...base,
      name: str(row.name) ?? base.name,
      address: str(row.address),
      postalCode: str(row.postalCode),
      commune: str(row.commune),
      email: coordinators ?? base.email,
      legalForm: str(row.legalForm) ?? base.legalForm,
      siret: str(row.siret) ?? base.siret,
      phone: str(row.phone) ?? base.phone,
      // A signatory and a title go together: one of this workshop's never pairs with the settings' other.
      ...(str(row.signatoryName) ? { signatoryName: str(row.signatoryName), signatoryRole: str(row.signatoryRole) } : {}),
      code: str(row.code),
      isDefault: false,
    };
  },

  /** The identity a document about this record prints: the record's workshop (a donor's: the workshop following it). */
  async forRecord(uid: string, documentId: string): Promise<IssuingWorkshop> {
    return this.forWorkshop(await workshopOfRecord(strapi, uid, documentId));
  },
});

/** The settings single type, completed by the default workshop record (and its code). */
async function defaultIdentityOf(strapi: Core.Strapi): Promise<WorkshopIdentity & { code: string | null }> {
  const settings = ((await strapi.db.query(UID.settings).findOne({ populate: { logo: true } })) ?? {}) as Row;
  const workshop = ((await strapi.db.query('api::workshop.workshop').findOne({ where: { isDefault: true } })) ?? {}) as Row;
  return {
    name: str(settings.name) ?? str(workshop.name) ?? 'Atelier Seconde Vie',
    legalForm: str(settings.legalForm) ?? str(workshop.legalForm),
    address: str(settings.address) ?? str(workshop.address),
    postalCode: str(settings.postalCode) ?? str(workshop.postalCode),
    commune: str(settings.commune) ?? str(workshop.commune),
    siret: str(settings.siret) ?? str(workshop.siret),
    email: str(settings.email),
    phone: str(settings.phone) ?? str(workshop.phone),
    ...(str(settings.signatoryName)
      ? { signatoryName: str(settings.signatoryName), signatoryRole: str(settings.signatoryRole) }
      : { signatoryName: str(workshop.signatoryName), signatoryRole: str(workshop.signatoryRole) }),
    logoDataUrl: await logoDataUrl(strapi, settings.logo as Row | null),
    code: str(workshop.code),
  };
}

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
