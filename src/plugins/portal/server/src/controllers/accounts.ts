import type { Core } from '@strapi/strapi';
import { validateYupSchema, yup } from '@strapi/utils';
import type { Context } from 'koa';
import { getService } from '../utils';

const createSchema = yup
  .object({
    structure: yup.string().oneOf(['prescriber', 'donor']).required(),
    documentId: yup.string().required().max(40),
    email: yup.string().email('adresse e-mail invalide').required().max(254),
  })
  .noUnknown();
const validateCreate = validateYupSchema(createSchema, { strict: true });

const listSchema = yup
  .object({
    structure: yup.string().oneOf(['prescriber', 'donor']).required(),
    documentId: yup.string().required().max(40),
  })
  .noUnknown();
const validateList = validateYupSchema(listSchema, { strict: true });

interface AdminUser {
  email?: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /portal/accounts?structure=&documentId=: the accounts of one prescriber or donor. */
  async list(ctx: Context) {
    const query = (await validateList(ctx.query)) as { structure: 'prescriber' | 'donor'; documentId: string };
    ctx.body = { data: await getService(strapi, 'accounts').list(query.structure, query.documentId) };
  },

  /** POST /portal/accounts: staff open an account for a prescriber or a donor and invite it. */
  async create(ctx: Context) {
    const raw = (ctx.request as unknown as { body: unknown }).body;
    // Addresses pasted from a letter or a spreadsheet often carry spaces.
    const input = raw && typeof raw === 'object' && typeof (raw as { email?: unknown }).email === 'string' ? { ...raw, email: (raw as { email: string }).email.trim() } : raw;
    const body = (await validateCreate(input)) as yup.InferType<typeof createSchema>;
    const admin = ctx.state.user as AdminUser | undefined;
    const account = await getService(strapi, 'accounts').create(
      { kind: body.structure as 'prescriber' | 'donor', structureDocumentId: body.documentId, email: body.email },
      admin?.email ?? 'staff'
    );
    ctx.status = 201;
    ctx.body = { data: account };
  },
});
