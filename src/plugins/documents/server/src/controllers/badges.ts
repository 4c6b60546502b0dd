import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { compileTemplate, htmlDocument } from '../../../../../shared/server/templating';
import { BADGE_CODE } from '../../../../../shared/badges';
import { VOLUNTEER_UID } from '../../../../../shared/skills';
import { BADGE_CARD_CSS, BADGE_CARD_HTML } from '../domain/badge-card';
import { fontsCss } from '../domain/fonts';
import { getService } from '../utils';
import { recordScopeWhere } from '../scope';
import { scopeOf } from '../../../../../shared/server/workshops';

const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;

/**
 * GET /documents/volunteers/:documentId/badge: the volunteer's badge card as a PDF (« Imprimer
 * le badge » in their edit view). Whoever may edit volunteers in the content manager (the
 * coordination) prints it: the code on it identifies its holder at the bench.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async volunteerBadge(ctx: Context) {
    const documentId = String(ctx.params.documentId ?? '');
    if (!DOCUMENT_ID.test(documentId)) throw new errors.ValidationError('Identifiant de bénévole invalide.');
    const ability = (ctx.state as { userAbility?: { can(action: string, subject?: string): boolean } }).userAbility;
    if (!ability?.can('plugin::content-manager.explorer.update', VOLUNTEER_UID)) {
      throw new errors.PolicyError('Seule la coordination (qui modifie les fiches des bénévoles) imprime les badges.', { rule: 'BADGE_PRINT' });
    }
    // Another workshop's volunteer is one that does not exist: the same 404.
    const volunteer = (await strapi.db.query(VOLUNTEER_UID).findOne({
      where: { documentId, ...recordScopeWhere(strapi, VOLUNTEER_UID, await scopeOf(strapi, ctx)) },
      select: ['name', 'badgeCode'],
    })) as { name: string; badgeCode: string | null } | null;
    if (!volunteer) throw new errors.NotFoundError('Aucun bénévole avec cet identifiant.');
    if (!volunteer.badgeCode || !BADGE_CODE.test(volunteer.badgeCode)) {
      throw new errors.ValidationError('Ce bénévole n’a pas encore de code de badge : enregistrez sa fiche (le champ « Code du badge » vide en génère un).');
    }
    // The volunteer's workshop on the card.
    const workshop = await getService(strapi, 'identity').forRecord(VOLUNTEER_UID, documentId);
    const body = compileTemplate(BADGE_CARD_HTML)({ workshop, volunteer });
    const pdf = await getService(strapi, 'renderer').render(htmlDocument(body, BADGE_CARD_CSS, fontsCss(), `Badge — ${volunteer.name}`));
    ctx.type = 'application/pdf';
    const slug = volunteer.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
    ctx.attachment(`badge-${slug || 'benevole'}.pdf`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = pdf;
  },
});
