import type { Context } from 'koa';

/**
 * The content manager's relation endpoints refuse a relation field the role cannot read with
 * `return ctx.forbidden()` inside a helper whose result the caller destructures (Strapi 5.54,
 * controllers/relations.ts): the refusal becomes a 500. A volunteer asking for a household's
 * prescriptions got « Internal Server Error ». The same check, made first, answers the 403.
 */
type Handler = (this: unknown, ctx: Context) => Promise<unknown>;

interface ContentManagerPlugin {
  controllers: { relations: Record<string, Handler>; 'collection-types': Record<string, Handler> };
}

interface PermissionChecker {
  cannot: { read(entity: unknown, field: string): boolean };
}

interface Strapi {
  getModel(uid: string): { modelType?: string; attributes?: Record<string, { type: string; private?: boolean }> } | undefined;
  plugin(name: string): { service(name: string): { create(options: { userAbility: unknown; model: string }): PermissionChecker } };
}

export default (plugin: ContentManagerPlugin): ContentManagerPlugin => {
  const relations = plugin.controllers.relations;
  for (const action of ['findAvailable', 'findExisting']) {
    const original = relations[action];
    relations[action] = async function guarded(this: unknown, ctx: Context) {
      const strapi = (globalThis as unknown as { strapi: Strapi }).strapi;
      const { model, targetField } = ctx.params as { model?: string; targetField?: string };
      const schema = model ? strapi.getModel(model) : undefined;
      if (schema && schema.modelType !== 'component' && typeof targetField === 'string') {
        const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: String(model) });
        if (checker.cannot.read(null, targetField)) return ctx.forbidden();
      }
      return original.call(this, ctx);
    };
  }

  /**
   * The list's search box (`_q`) searches every text field of the type, whatever fields the role
   * reads: an Atelier volunteer, who reads donors' names only, could narrow the donors' list by a
   * word of their notes or address, and so learn it. For a role that does not read every searched
   * field, the search becomes « contains, case-insensitive » on the fields it reads (docs/roles.md).
   */
  const collectionTypes = plugin.controllers['collection-types'];
  const find = collectionTypes.find;
  collectionTypes.find = async function searchReadable(this: unknown, ctx: Context) {
    const strapi = (globalThis as unknown as { strapi: Strapi }).strapi;
    const query = ctx.request.query as Record<string, unknown>;
    const model = (ctx.params as { model?: string }).model;
    const schema = model ? strapi.getModel(model) : undefined;
    if (typeof query._q === 'string' && query._q.trim() !== '' && schema?.attributes) {
      const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: String(model) });
      const words = query._q.trim();
      const numeric = !Number.isNaN(Number(words));
      const searched = Object.entries(schema.attributes).filter(([, a]) => SEARCHED.has(a.type) || (numeric && NUMBERS.has(a.type)));
      const readable = searched.filter(([field]) => !checker.cannot.read(null, field));
      if (readable.length < searched.length) {
        const { _q: _ignored, ...rest } = query;
        const matches = readable.map(([field, a]) => ({ [field]: NUMBERS.has(a.type) ? { $eq: Number(words) } : { $containsi: words } }));
        const search = matches.length ? { $or: matches } : { id: { $null: true } };
        ctx.request.query = { ...rest, filters: rest.filters ? { $and: [rest.filters, search] } : search } as never;
      }
    }
    return find.call(this, ctx);
  };
  return plugin;
};

/** The attribute types Strapi's search (`_q`) looks into (@strapi/database, helpers/search.js), numbers when the words are a number. */
const SEARCHED = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration']);
const NUMBERS = new Set(['biginteger', 'integer', 'decimal', 'float']);
