import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { READ_RULES } from '../domain/access';
import { KINDS, TEMPLATE_KINDS, type TemplateKind } from '../domain/kinds';
import { MESSAGES } from '../domain/messages';
import { conditionPopulate } from '../scope';

/** The admin's CASL ability, as Strapi puts it on `ctx.state.userAbility`. */
export interface Ability {
  can(action: string, subject?: unknown, field?: string): boolean;
}

interface PermissionChecker {
  cannot: { read(entity?: unknown, field?: string): boolean };
}

/** The part of a Koa context the checks read: who is asking. */
export interface Caller {
  state: { userAbility?: Ability; auth?: { strategy?: { name?: string } } };
}

/**
 * Who may read which issued document: the caller must be able to read the document's record
 * (the content manager's permission checker on that record, conditions included), and every other
 * type the document shows (READ_RULES). Staff API tokens on the content API keep their own scope.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const checker = (ability: Ability, model: string): PermissionChecker =>
    strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model }) as PermissionChecker;

  const canReadType = (ability: Ability, uid: string) => !checker(ability, uid).cannot.read();

  async function canReadRecord(ability: Ability, uid: string, documentId: string): Promise<boolean> {
    const check = checker(ability, uid);
    if (check.cannot.read()) return false;
    // With its workshop: the « Fiches de mes ateliers » condition is tested on `workshop.id`.
    const entity = await strapi.db.query(uid as 'api::machine.machine').findOne({ where: { documentId }, populate: conditionPopulate(strapi, uid) as never });
    // A record that no longer exists has no conditions to test: the type-level right decides.
    return entity ? !check.cannot.read(entity) : true;
  }

  /** A token on the content API: its own scope (Settings → API tokens) already applied. */
  const isApiToken = (caller: Caller) => caller.state.auth?.strategy?.name === 'content-api-token';

  const abilityOf = (caller: Caller): Ability | null => caller.state.userAbility ?? null;

  const api = {
    /** Whether the ability may read a document of this kind about this record. */
    async canRead(ability: Ability, kind: TemplateKind, targetDocumentId: string): Promise<boolean> {
      const rule = READ_RULES[kind];
      if (rule.action ? !ability.can(rule.action) : !(await canReadRecord(ability, KINDS[kind].targetUid, targetDocumentId))) return false;
      return rule.types.every((uid) => canReadType(ability, uid));
    },

    /** Whether the ability may read documents of this kind at all (type level: previews, sample records). */
    canUseKind(ability: Ability, kind: TemplateKind): boolean {
      const rule = READ_RULES[kind];
      if (rule.action ? !ability.can(rule.action) : !canReadType(ability, KINDS[kind].targetUid)) return false;
      return rule.types.every((uid) => canReadType(ability, uid));
    },

    /** Throws a French 403 unless the caller may read a document of this kind about this record. */
    async assertCanRead(caller: Caller, kind: TemplateKind, targetDocumentId: string): Promise<void> {
      if (isApiToken(caller)) return;
      const ability = abilityOf(caller);
      if (!ability || !(await api.canRead(ability, kind, targetDocumentId))) throw new errors.PolicyError(MESSAGES.readForbidden(KINDS[kind].label));
    },

    /** Throws a French 403 unless the caller may use this kind of document at all. */
    assertCanUseKind(caller: Caller, kind: TemplateKind): void {
      if (isApiToken(caller)) return;
      const ability = abilityOf(caller);
      if (!ability || !api.canUseKind(ability, kind)) throw new errors.PolicyError(MESSAGES.readForbidden(KINDS[kind].label));
    },

    /**
     * The kinds of documents about this record the caller may read; a French 403 when it may not
     * read the record itself (nothing is said about what was issued for it).
     */
    async readableKinds(caller: Caller, targetUid: string, targetDocumentId: string): Promise<Set<TemplateKind>> {
      const kinds = TEMPLATE_KINDS.filter((k) => KINDS[k].targetUid === targetUid);
      if (isApiToken(caller)) return new Set(kinds);
      const ability = abilityOf(caller);
      const actions = kinds.map((k) => READ_RULES[k].action).filter((a): a is string => Boolean(a));
      const recordReadable = ability && (actions.length > 0 ? actions.some((a) => ability.can(a)) : await canReadRecord(ability, targetUid, targetDocumentId));
      if (!ability || !recordReadable) throw new errors.PolicyError(MESSAGES.recordForbidden);
      const readable = new Set<TemplateKind>();
      for (const kind of kinds) if (await api.canRead(ability, kind, targetDocumentId)) readable.add(kind);
      return readable;
    },
  };
  return api;
};
