import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { QueryRefused, restrictQuery, type Attribute, type PortalActor, type PortalQuery, type StructureKind } from '../domain/scope';
import { MESSAGES } from '../messages';
import { PORTAL_ROLE_TYPES } from '../bootstrap/roles';

const USER = 'plugin::users-permissions.user';

export interface AuthState {
  strategy?: { name?: string };
  credentials?: { id?: number } | null;
}

/** Who is asking: staff through an API token, a portal account with its structure, or nobody we serve. */
export type Requester = { type: 'staff' } | { type: 'portal'; actor: PortalActor & { structureDocumentId: string } };

interface UserRow {
  id: number;
  blocked?: boolean;
  role?: { type?: string } | null;
  prescriber?: { id: number; documentId: string } | null;
  donor?: { id: number; documentId: string } | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Staff API tokens keep full access; a users-permissions account reaches these types only with
   * a portal role and exactly the structure that matches it. Anything else is refused (fail closed).
   */
  async requester(auth: AuthState | undefined): Promise<Requester> {
    const strategy = auth?.strategy?.name;
    // Staff integrations: the token's own permissions (full access, read-only or custom) apply.
    if (strategy === 'content-api-token') return { type: 'staff' };
    if (strategy !== 'users-permissions' || !auth?.credentials?.id) throw new errors.ForbiddenError(MESSAGES.forbidden);
    const user = (await strapi.db.query(USER).findOne({
      where: { id: auth.credentials.id },
      populate: { role: { select: ['type'] }, prescriber: { select: ['id', 'documentId'] }, donor: { select: ['id', 'documentId'] } },
    })) as UserRow | null;
    const actor = user ? actorOf(user) : null;
    if (!actor) throw new errors.ForbiddenError(MESSAGES.forbidden);
    return { type: 'portal', actor };
  },

  /** The attributes of a content type or component, for the query restriction. */
  schemaOf(uid: string): Record<string, Attribute> {
    const model = (strapi.contentTypes as unknown as Record<string, { attributes: Record<string, Attribute> }>)[uid]
      ?? (strapi.components as unknown as Record<string, { attributes: Record<string, Attribute> }>)[uid];
    return model?.attributes ?? {};
  },

  /** Narrows a sanitised query to the actor's rows; a refused parameter is a 400 naming it. */
  restrict(uid: string, query: PortalQuery, actor: PortalActor): PortalQuery {
    try {
      return restrictQuery(query, uid, actor, (u) => this.schemaOf(u));
    } catch (error) {
      if (error instanceof QueryRefused) throw new errors.ValidationError(error.message);
      throw error;
    }
  },
});

/** The invariant of a portal account: its role's structure is set, the other one is not. */
export function actorOf(user: UserRow): (PortalActor & { structureDocumentId: string }) | null {
  if (user.blocked) return null;
  const kind = (Object.entries(PORTAL_ROLE_TYPES) as [StructureKind, string][]).find(([, type]) => type === user.role?.type)?.[0];
  if (!kind) return null;
  const own = kind === 'prescriber' ? user.prescriber : user.donor;
  const other = kind === 'prescriber' ? user.donor : user.prescriber;
  if (!own || other) return null;
  return { kind, userId: user.id, structureId: own.id, structureDocumentId: own.documentId };
}
