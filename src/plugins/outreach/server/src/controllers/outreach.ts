import type { Core } from '@strapi/strapi';
import { errors, yup } from '@strapi/utils';
import type { Context } from 'koa';
import type { CampaignInput } from '../../../shared/contracts';
import { OUTCOMES } from '../../../shared/contracts';
import { parseAudience, type Audience } from '../domain/audience';
import { checkMergeTemplate, MERGE_FIELDS } from '../domain/merge';
import { TERRITORIES } from '../domain/territories';
import { ConflictError, getService } from '../utils';
import { signedInStaff } from '../../../../../shared/server/display-name';
import { documentsService } from '../../../../../shared/server/documents';
import { scopeOf, type WorkshopScope } from '../../../../../shared/server/workshops';
import { assertCampaignInScope, assertRecipientInScope, authorWorkshop } from '../scope';

const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;

const staff = signedInStaff;

function documentId(ctx: Context, what = 'campagne'): string {
  const id = String(ctx.params.documentId ?? '');
  if (!DOCUMENT_ID.test(id)) throw new errors.ValidationError(`Identifiant de ${what} invalide.`);
  return id;
}

async function validate<T>(schema: { validate: (value: unknown, options: { abortEarly: boolean }) => Promise<T> }, value: unknown): Promise<T> {
  try {
    return await schema.validate(value ?? {}, { abortEarly: false });
  } catch (error) {
    const e = error as { errors?: string[]; message: string };
    throw new errors.ValidationError(e.errors?.join(' ') ?? e.message);
  }
}

function audienceOf(value: unknown): Audience {
  const { audience, problems } = parseAudience(value);
  if (!audience) throw new errors.ValidationError(problems.join(' '));
  return audience;
}

const campaignSchema = yup
  .object({
    name: yup.string().trim().required('Nom : obligatoire.').max(160, 'Nom : 160 caractères au plus.'),
    audience: yup.mixed().required('Destinataires : choisissez un filtre.'),
    channel: yup.string().oneOf(['email', 'letter', 'both'], 'Canal : « email », « letter » ou « both ».').required('Canal : obligatoire.'),
    subject: yup.string().trim().required('Objet : obligatoire.').max(200, 'Objet : 200 caractères au plus.'),
    body: yup.string().trim().required('Texte : obligatoire.').max(20000, 'Texte : 20 000 caractères au plus.'),
    reminderDays: yup.number().integer('Relance : un nombre entier de jours.').min(1, 'Relance : entre 1 et 365 jours.').max(365, 'Relance : entre 1 et 365 jours.').default(21),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}.')
  .strict();

/** A campaign as typed in the form, with its filter and texts checked (French 400 otherwise). */
async function campaignInput(body: unknown): Promise<CampaignInput> {
  const raw = await validate(campaignSchema, body);
  const audience = audienceOf(raw.audience);
  const input = { ...raw, audience, reminderDays: raw.reminderDays ?? 21 } as CampaignInput;
  checkTexts(input.subject, input.body);
  return input;
}

function checkTexts(subject: string, body: string): void {
  try {
    checkMergeTemplate(subject, 'Objet');
    checkMergeTemplate(body, 'Texte');
  } catch (error) {
    throw new errors.ValidationError((error as Error).message);
  }
}

const previewSchema = yup
  .object({
    name: yup.string().trim().max(160).default(''),
    audience: yup.mixed().required('Destinataires : choisissez un filtre.'),
    subject: yup.string().required('Objet : obligatoire.').max(200, 'Objet : 200 caractères au plus.'),
    body: yup.string().required('Texte : obligatoire.').max(20000, 'Texte : 20 000 caractères au plus.'),
    recipient: yup.string().matches(DOCUMENT_ID, 'Destinataire : identifiant invalide.'),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}.')
  .strict();

const outcomeSchema = yup
  .object({
    outcome: yup.string().oneOf([...OUTCOMES], `Réponse : ${OUTCOMES.join(', ')}.`).required('Réponse : obligatoire.'),
    note: yup.string().trim().max(2000, 'Note : 2 000 caractères au plus.').nullable(),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}.')
  .strict();

const audienceSchema = yup.object({ audience: yup.mixed().required('Destinataires : choisissez un filtre.') }).noUnknown(true, 'Champ inconnu : ${unknown}.');

/** The workshops an unsaved filter draws from: the request's (null: every workshop). */
const audienceWorkshops = (scope: WorkshopScope): number[] | null => (scope.all ? null : scope.ids);

/**
 * Campaigns belong to their author's workshop (`workshop` on the campaign): staff list, read,
 * change, send and answer only their workshops' campaigns; another's is « introuvable » (404).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const campaigns = () => getService(strapi, 'campaigns');
  const sender = () => getService(strapi, 'sender');
  /** The campaign's documentId, once it is known to be one of the request's workshops'. */
  const mine = async (ctx: Context): Promise<string> => {
    const id = documentId(ctx);
    await assertCampaignInScope(strapi, id, await scopeOf(strapi, ctx));
    return id;
  };

  return {
    async list(ctx: Context) {
      ctx.body = { data: await campaigns().list(await scopeOf(strapi, ctx)) };
    },
    async findOne(ctx: Context) {
      ctx.body = { data: await campaigns().findOne(await mine(ctx)) };
    },
    async create(ctx: Context) {
      const input = await campaignInput(ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await campaigns().create(input, staff(ctx).name, await authorWorkshop(strapi, await scopeOf(strapi, ctx))) };
    },
    async update(ctx: Context) {
      const id = await mine(ctx);
      ctx.body = { data: await campaigns().update(id, await campaignInput(ctx.request.body)) };
    },
    async remove(ctx: Context) {
      await campaigns().remove(await mine(ctx));
      ctx.body = { data: { deleted: true } };
    },
    async recipients(ctx: Context) {
      ctx.body = { data: await campaigns().recipients(await mine(ctx)) };
    },
    async audience(ctx: Context) {
      const body = await validate(audienceSchema, ctx.request.body);
      ctx.body = { data: await getService(strapi, 'audience').preview(audienceOf(body.audience), audienceWorkshops(await scopeOf(strapi, ctx))) };
    },
    async preview(ctx: Context) {
      const body = await validate(previewSchema, ctx.request.body);
      const audience = audienceOf(body.audience);
      checkTexts(body.subject, body.body);
      const workshops = audienceWorkshops(await scopeOf(strapi, ctx));
      ctx.body = { data: await campaigns().previewMessage({ name: body.name, audience, subject: body.subject, body: body.body }, body.recipient, workshops) };
    },
    async send(ctx: Context) {
      const id = await mine(ctx);
      try {
        ctx.body = { data: await sender().send(id, staff(ctx)) };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        ctx.status = 409;
        ctx.body = { data: null, error: { status: 409, name: 'ConflictError', message: error.message, details: {} } };
      }
    },
    async progress(ctx: Context) {
      ctx.body = { data: await sender().progress(await mine(ctx)) };
    },
    async letters(ctx: Context) {
      const id = await mine(ctx);
      const campaign = await campaigns().findOne(id);
      if (campaign.counts.letter === 0) throw new errors.ValidationError("Aucun destinataire de cette campagne ne reçoit de courrier.");
      ctx.status = 201;
      ctx.body = { data: await sender().generateLetters(id, staff(ctx)) };
    },
    async downloadLetters(ctx: Context) {
      const id = await mine(ctx);
      await campaigns().findRow(id);
      const documents = documentsService(strapi);
      if (!documents) throw new errors.ApplicationError("Le module Documents n'est pas activé : courriers indisponibles.");
      const [latest] = await documents.forRecord('plugin::outreach.campaign', id);
      if (!latest) throw new errors.NotFoundError("Aucun courrier n'a été généré pour cette campagne.");
      const pdf = await documents.fileContent(latest);
      ctx.set('Content-Disposition', `attachment; filename="${latest.number}.pdf"`);
      ctx.type = 'application/pdf';
      ctx.body = pdf;
    },
    async remind(ctx: Context) {
      ctx.body = { data: await sender().queueReminders(await mine(ctx)) };
    },
    async setOutcome(ctx: Context) {
      const id = documentId(ctx, 'destinataire');
      const body = await validate(outcomeSchema, ctx.request.body);
      await assertRecipientInScope(strapi, id, await scopeOf(strapi, ctx));
      ctx.body = { data: await campaigns().setOutcome(id, body.outcome as (typeof OUTCOMES)[number], body.note ?? null, staff(ctx).name) };
    },
    async mergeFields(ctx: Context) {
      ctx.body = { data: { fields: MERGE_FIELDS, territories: Object.fromEntries(Object.entries(TERRITORIES).map(([k, v]) => [k, v.label])) } };
    },
  };
};
