import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isMailAddress, sendMail } from '../../../../../shared/mail';
import { resetEmail } from '../domain/invitation-email';
import { MESSAGES } from '../messages';
import { getService } from '../utils';
import { publicUrl } from '../../../../../shared/server/public-url';

const USER = 'plugin::users-permissions.user';

/**
 * « Mot de passe oublié », in place of users-permissions' own flow (which keeps the code in clear
 * in `up_users`, puts it in the link's query string and never expires it): a single-use link of the
 * portal's own kind, hashed, expiring after `resetTtlMinutes`, its code in the fragment.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  ttlMinutes(): number {
    return Number(strapi.plugin('portal').config('resetTtlMinutes') ?? 60);
  },

  /**
   * E-mails a reset link when an active account has this address. The caller answers the same
   * whether it has or not; a failed e-mail is logged, not told.
   */
  async request(email: unknown): Promise<void> {
    if (!isMailAddress(typeof email === 'string' ? email.trim() : email)) {
      throw new errors.ValidationError(MESSAGES.badEmail, { errors: [{ path: ['email'], message: MESSAGES.badEmail, name: 'ValidationError', value: null }] });
    }
    const address = (email as string).trim().toLowerCase();
    const user = (await strapi.db.query(USER).findOne({ where: { email: address }, select: ['id', 'email', 'blocked'] })) as { id: number; email: string; blocked?: boolean } | null;
    if (!user || user.blocked) return;
    const { token, expiresAt } = await getService(strapi, 'accounts').issueLink(user.id, 'reset', 'mot de passe oublié', this.ttlMinutes() * 60_000);
    try {
      await sendMail(strapi, { to: user.email }, resetEmail({ publicUrl: publicUrl(strapi), token, expiresAt }));
    } catch (error) {
      strapi.log.error(`portal: password-reset e-mail not sent: ${(error as Error).message}`);
    }
  },

  /** Sets a new password with a reset code, once, before it expires. */
  async reset(code: string, password: string, confirmation: string): Promise<void> {
    if (password !== confirmation) {
      throw new errors.ValidationError(MESSAGES.passwordsDiffer, { errors: [{ path: ['passwordConfirmation'], message: MESSAGES.passwordsDiffer, name: 'ValidationError', value: null }] });
    }
    await getService(strapi, 'accounts').spendLink(code, 'reset', password, MESSAGES.invalidReset);
  },
});
