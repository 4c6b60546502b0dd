import type { Context } from 'koa';

/**
 * The content manager's relation endpoints refuse a relation field the role cannot read with
 * `return ctx.forbidden()` inside a helper whose result the caller destructures (Strapi 5.54,
 * controllers/relations.ts): the refusal becomes a 500. A volunteer asking for a household's
 * prescriptions got « Internal Server Error ». The same check, made first, answers the 403.
 */
type Handler = (this: unknown, ctx: Context) => Promise<unknown>;

interface ContentManagerPlugin {
  controllers: { relations: Record<string, Handler> };
}

interface PermissionChecker {
  cannot: { read(entity: unknown, field: string): boolean };
}

interface Strapi {
  getModel(uid: string): { modelType?: string } | undefined;
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
  return plugin;
};
