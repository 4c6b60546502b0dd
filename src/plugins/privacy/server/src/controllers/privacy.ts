import type { Core } from '@strapi/strapi';
import { errors, yup } from '@strapi/utils';
import type { Context } from 'koa';
import { exportHtml } from '../domain/export-html';
import type { Actor } from '../services/privacy';
import { signedInStaff } from '../../../../../shared/server/display-name';
import { documentsRenderer } from '../../../../../shared/server/renderer';
import { assertInScope, scopeOf } from '../../../../../shared/server/workshops';
import { HOUSEHOLD } from '../services/privacy';

const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;

function staff(ctx: Context): Actor {
  const { id, name } = signedInStaff(ctx);
  return { id: String(id), name, kind: 'staff' };
}

function documentId(ctx: Context): string {
  const id = String(ctx.params.documentId ?? '');
  if (!DOCUMENT_ID.test(id)) throw new errors.ValidationError('Identifiant de foyer invalide.');
  return id;
}

/** A household of the request's workshops; another workshop's is a French 404, before anything is read, logged or written. */
async function household(strapi: Core.Strapi, ctx: Context): Promise<string> {
  const id = documentId(ctx);
  await assertInScope(strapi, ctx, HOUSEHOLD, id);
  return id;
}

const anonymiseSchema = yup
  .object({ reason: yup.string().trim().required('Indiquez le motif (ex. « demande d’effacement du 12/03 »).').max(500, 'Motif : 500 caractères au plus.') })
  .noUnknown()
  .strict();

const service = (strapi: Core.Strapi) => strapi.plugin('privacy').service('privacy') as ReturnType<typeof import('../services/privacy').default>;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async summary(ctx: Context) {
    ctx.body = { data: await service(strapi).summary(await household(strapi, ctx)) };
  },

  async accessLog(ctx: Context) {
    ctx.body = { data: await service(strapi).accessLog(await household(strapi, ctx)) };
  },

  async exportData(ctx: Context) {
    const id = await household(strapi, ctx);
    const format = String(ctx.query.format ?? 'json');
    if (format !== 'json' && format !== 'pdf') throw new errors.ValidationError('Format : json ou pdf.');
    const data = await service(strapi).exportData(id);
    await service(strapi).log(format === 'json' ? 'export_json' : 'export_pdf', [id], staff(ctx));
    const stamp = data.exportedAt.slice(0, 10);
    if (format === 'json') {
      ctx.set('Content-Disposition', `attachment; filename="foyer-${id}-${stamp}.json"`);
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(data, null, 2);
      return;
    }
    // The household's own workshop names the export.
    const owner = (await strapi.db.query(HOUSEHOLD).findOne({ where: { documentId: id }, select: ['id'], populate: { workshop: { select: ['name'] } } })) as {
      workshop?: { name?: string } | null;
    } | null;
    const workshop = owner?.workshop ?? ((await strapi.db.query('api::workshop.workshop').findOne({ where: { isDefault: true }, select: ['name'] })) as { name?: string } | null);
    const renderer = documentsRenderer(strapi);
    if (!renderer) throw new errors.ApplicationError("Le module Documents n'est pas activé : export PDF impossible.");
    const pdf = await renderer.render(exportHtml(data, workshop?.name ?? 'Seconde Vie'));
    ctx.set('Content-Disposition', `attachment; filename="foyer-${id}-${stamp}.pdf"`);
    ctx.type = 'application/pdf';
    ctx.body = pdf;
  },

  async anonymise(ctx: Context) {
    const id = await household(strapi, ctx);
    let body: { reason: string };
    try {
      body = await anonymiseSchema.validate(ctx.request.body ?? {}, { abortEarly: false });
    } catch (error) {
      throw new errors.ValidationError((error as Error).message);
    }
    const result = await service(strapi).anonymise(id, staff(ctx), body.reason);
    if (result.alreadyAnonymised) throw new errors.ApplicationError('Ce foyer est déjà anonymisé.');
    ctx.body = { data: result };
  },

  async runRetention(ctx: Context) {
    // Run by hand, the job reaches the runner's workshops only (every workshop for a super-admin, as the daily job).
    ctx.body = { data: await service(strapi).runRetention(undefined, await scopeOf(strapi, ctx)) };
  },
});
