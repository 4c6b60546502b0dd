/**
 * The contract of the portal plugin's `passwords` service as the app's users-permissions extension
 * reads it (`strapi.plugin('portal').service('passwords')`): « Mot de passe oublié » with the
 * portal's own single-use, expiring links, in place of Strapi's. The portal plugin checks that its
 * service keeps fulfilling it (src/plugins/portal/server/src/services/index.ts).
 */
import type { Core } from '@strapi/strapi';
import { pluginService } from '../plugin-service';

export interface PortalPasswordsService {
  /** E-mails a reset link when an active account has this address; says nothing either way (a 400 only for a malformed address). */
  request(email: unknown): Promise<void>;
  /** Sets a new password with a reset code, once, before it expires; a 400 in French otherwise. */
  reset(code: string, password: string, confirmation: string): Promise<void>;
}

/** The portal plugin's `passwords` service, or undefined when the portal plugin is not enabled. */
export const portalPasswords = (strapi: Core.Strapi): PortalPasswordsService | undefined => pluginService(strapi, 'portal', 'passwords');
