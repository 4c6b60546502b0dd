import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { publicUrl } from '../../../../../shared/server/public-url';
import { PORTAL_ROLE_TYPES } from '../bootstrap/roles';
import type { StructureKind } from '../domain/scope';
import { invitationEmail } from '../domain/invitation-email';
import { MESSAGES } from '../messages';
import { sendMail } from '../../../../../shared/mail';
import type { AccountListItem, AccountSummary } from '../../../shared/contracts';

const USER = 'plugin::users-permissions.user';
const ROLE = 'plugin::users-permissions.role';
const INVITATION = 'plugin::portal.invitation';
const STRUCTURE_UID: Record<StructureKind, 'api::prescriber.prescriber' | 'api::donor.donor'> = {
  prescriber: 'api::prescriber.prescriber',
  donor: 'api::donor.donor',
};

export const MIN_PASSWORD_LENGTH = 10;
/** bcrypt reads 72 bytes; a longer password would be silently cut. */
export const MAX_PASSWORD_BYTES = 72;

export interface NewAccount {
  kind: StructureKind;
  structureDocumentId: string;
  email: string;
}


export type LinkPurpose = 'invitation' | 'reset';

/** Older rows have no purpose: they are invitations. */
const ofPurpose = (purpose: LinkPurpose) => (purpose === 'invitation' ? { $or: [{ purpose: 'invitation' }, { purpose: null }] } : { purpose });

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Creates a portal account for one structure, with no password, and e-mails it a single-use
   * link to choose one. The e-mail leaves after the commit.
   */
  async create(input: NewAccount, invitedBy: string): Promise<AccountSummary> {
    const email = input.email.trim().toLowerCase();
    const { user, structureName, token, expiresAt } = await strapi.db.transaction(async () => {
      const structure = (await strapi.documents(STRUCTURE_UID[input.kind]).findOne({ documentId: input.structureDocumentId })) as
        | { id: number; name: string }
        | null;
      if (!structure) throw new errors.NotFoundError(MESSAGES.unknownStructure);
      const existing = await strapi.db.query(USER).findOne({ where: { $or: [{ email }, { username: email }] }, select: ['id'] });
      if (existing) throw new errors.ValidationError(MESSAGES.accountExists, { errors: [{ path: ['email'], message: MESSAGES.accountExists, name: 'ValidationError', value: null }] });
      const role = (await strapi.db.query(ROLE).findOne({ where: { type: PORTAL_ROLE_TYPES[input.kind] }, select: ['id'] })) as { id: number } | null;
      if (!role) throw new errors.ApplicationError('Rôle du portail manquant : redémarrez l’application.');
      const created = (await strapi.db.query(USER).create({
        data: {
          username: email,
          email,
          provider: 'local',
          confirmed: true,
          blocked: false,
          role: role.id,
          [input.kind]: structure.id,
        },
      })) as { id: number; email: string };
      const invitation = await this.issueInvitation(created.id, invitedBy);
      return { user: created, structureName: structure.name, ...invitation };
    });
    const invitationSent = await this.sendInvitation(email, structureName, token, expiresAt);
    return { id: user.id, email, kind: input.kind, structure: structureName, invitationSent, invitationExpiresAt: expiresAt.toISOString() };
  },

  /** The accounts of one structure, for its edit view. */
  async list(kind: StructureKind, structureDocumentId: string): Promise<AccountListItem[]> {
    const structure = (await strapi.db.query(STRUCTURE_UID[kind]).findOne({ where: { documentId: structureDocumentId }, select: ['id'] })) as { id: number } | null;
    if (!structure) throw new errors.NotFoundError(MESSAGES.unknownStructure);
    const users = (await strapi.db.query(USER).findMany({
      where: { [kind]: { id: structure.id } },
      select: ['id', 'email', 'password', 'blocked', 'createdAt'],
      orderBy: { email: 'asc' },
    })) as { id: number; email: string; password?: string | null; blocked?: boolean; createdAt: string }[];
    return users.map((u) => ({ id: u.id, email: u.email, status: u.blocked ? 'blocked' : u.password ? 'active' : 'invited', createdAt: u.createdAt }));
  },

  /** A fresh invitation; earlier unused invitation links stop working. */
  async issueInvitation(userId: number, invitedBy: string): Promise<{ token: string; expiresAt: Date }> {
    const ttlHours = Number(strapi.plugin('portal').config('invitationTtlHours') ?? 72);
    return this.issueLink(userId, 'invitation', invitedBy, ttlHours * 3600 * 1000);
  },

  /**
   * A single-use link to set a password: 32 random bytes, of which only the SHA-256 is stored,
   * valid `ttlMs`. Earlier unused links of the same purpose stop working.
   */
  async issueLink(userId: number, purpose: LinkPurpose, by: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.voidPendingLinks(userId, purpose);
    await strapi.db.query(INVITATION).create({ data: { tokenHash: hashToken(token), user: userId, expiresAt, invitedBy: by.slice(0, 160), purpose } });
    return { token, expiresAt };
  },

  /** Unused links of the account (of one purpose, or all) stop working now. */
  async voidPendingLinks(userId: number, purpose?: LinkPurpose): Promise<void> {
    const pending = (await strapi.db.query(INVITATION).findMany({
      where: { user: { id: userId }, usedAt: null, expiresAt: { $gt: new Date() }, ...(purpose ? ofPurpose(purpose) : {}) },
      select: ['id'],
    })) as { id: number }[];
    // By id: an update filtered through the relation loses its data in the query engine.
    if (pending.length > 0) await strapi.db.query(INVITATION).updateMany({ where: { id: { $in: pending.map((p) => p.id) } }, data: { expiresAt: new Date() } });
  },

  async sendInvitation(email: string, structure: string, token: string, expiresAt: Date): Promise<boolean> {
    const message = invitationEmail({ publicUrl: publicUrl(strapi), structure, token, expiresAt });
    try {
      await sendMail(strapi, { to: email }, message);
      return true;
    } catch (error) {
      strapi.log.error(`portal: invitation e-mail to account not sent: ${(error as Error).message}`);
      return false;
    }
  },

  /** Spends an invitation and sets the password it was sent for. */
  async accept(token: string, password: string): Promise<void> {
    await this.spendLink(token, 'invitation', password, MESSAGES.invalidInvitation);
  },

  /**
   * Spends a link: the conditional update marks it used only if it still is unused, unexpired
   * and of this purpose, so two concurrent uses cannot both succeed. Then sets the password and
   * voids the account's other pending links.
   */
  async spendLink(token: string, purpose: LinkPurpose, password: string, invalid: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH || Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
      throw new errors.ValidationError(MESSAGES.weakPassword, { errors: [{ path: ['password'], message: MESSAGES.weakPassword, name: 'ValidationError', value: null }] });
    }
    const tokenHash = hashToken(token);
    const now = new Date();
    await strapi.db.transaction(async () => {
      const spent = await strapi.db.query(INVITATION).updateMany({
        where: { tokenHash, usedAt: null, expiresAt: { $gt: now }, ...ofPurpose(purpose) },
        data: { usedAt: now },
      });
      if (spent.count !== 1) throw new errors.ValidationError(invalid);
      const link = (await strapi.db.query(INVITATION).findOne({ where: { tokenHash }, populate: { user: { select: ['id', 'blocked'] } } })) as {
        user?: { id: number; blocked?: boolean } | null;
      } | null;
      if (!link?.user || link.user.blocked) throw new errors.ValidationError(invalid);
      await strapi.plugin('users-permissions').service('user').edit(link.user.id, { password });
      await this.voidPendingLinks(link.user.id);
    });
  },
});
