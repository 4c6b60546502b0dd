import type { Core } from '@strapi/strapi';

/** Addresses in a comma-separated list (blanks dropped). */
export const addressList = (value: string | null | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The coordinators' e-mail addresses, read in one place: the pipeline's automatic e-mails and
 * alerts, outreach's reports, relations' digests and convention reminders, the public site's
 * offers. Staff set them on the default workshop (« E-mails des coordinateurs », content manager);
 * until they do, the COORDINATORS_EMAIL variable stands (comma-separated).
 */
export async function coordinatorAddresses(strapi: Core.Strapi): Promise<string[]> {
  const workshop = (await strapi.db.query('api::workshop.workshop').findOne({ where: { isDefault: true }, select: ['coordinatorsEmail'] })) as {
    coordinatorsEmail?: string | null;
  } | null;
  const configured = addressList(workshop?.coordinatorsEmail);
  return configured.length > 0 ? configured : addressList(process.env.COORDINATORS_EMAIL);
}

/**
 * The coordinators of one workshop of the network (its « E-mails des coordinateurs »), for what
 * concerns that workshop only (the public site's offers and applications routed to it). A workshop
 * that has not set any yet falls back to `coordinatorAddresses` (the default workshop's, then
 * COORDINATORS_EMAIL), so an offer never reaches nobody while a new workshop is being set up.
 */
export async function coordinatorAddressesOf(strapi: Core.Strapi, workshopId: number | null | undefined): Promise<string[]> {
  if (workshopId != null) {
    const workshop = (await strapi.db.query('api::workshop.workshop').findOne({ where: { id: workshopId }, select: ['coordinatorsEmail'] })) as {
      coordinatorsEmail?: string | null;
    } | null;
    const configured = addressList(workshop?.coordinatorsEmail);
    if (configured.length > 0) return configured;
  }
  return coordinatorAddresses(strapi);
}
