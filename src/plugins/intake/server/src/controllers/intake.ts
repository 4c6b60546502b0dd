import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors, validateYupSchema, yup } from '@strapi/utils';
import type { Context } from 'koa';
import { TARGETS, type ColumnMappingInput, type Target } from '../../../shared/contracts';
import { TEMPLATE_COLUMNS } from '../domain/formats';
import { MESSAGES } from '../messages';
import type { InventoryFile } from '../services/intake';
import { getService } from '../utils';
import { scopeOf } from '../../../../../shared/server/workshops';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const EXTENSIONS = new Set(['.csv', '.txt', '.tsv', '.xlsx']);

/** A part of a multipart body as koa-body (formidable 2) leaves it. */
interface UploadedPart {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}

const bodySchema = yup
  .object({
    mapping: yup.string().max(100000).optional(),
    background: yup.string().oneOf(['true', 'false']).optional(),
    acceptWarnings: yup.string().matches(/^[0-9a-f]{16}$/, 'acceptWarnings : le warningsDigest de l’essai à blanc (16 caractères hexadécimaux).').optional(),
  })
  .noUnknown();
const validateBody = validateYupSchema(bodySchema, { strict: true });

// Document ids are cuid2 (24 lowercase letters and digits); a job id is one too.
const ID = /^[a-z0-9]{1,40}$/;

function documentIdParam(ctx: Context, name: 'documentId' | 'id', notFound: string): string {
  const value = String(ctx.params[name] ?? '');
  if (!ID.test(value)) throw new errors.NotFoundError(notFound);
  return value;
}

function parseMapping(raw: string | undefined): ColumnMappingInput | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new errors.ValidationError(MESSAGES.badMapping);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new errors.ValidationError(MESSAGES.badMapping);
  const mapping: ColumnMappingInput = {};
  for (const [header, target] of Object.entries(value)) {
    if (typeof target !== 'string' || !TARGETS.includes(target as Target)) throw new errors.ValidationError(MESSAGES.badField(String(target), header));
    mapping[header] = target as Target;
  }
  return mapping;
}

/** Reads the one uploaded file (field `file`) and removes every temporary copy, whatever happens. */
async function takeFile(ctx: Context): Promise<InventoryFile> {
  // koa-body puts uploads on the request; its typings are not part of Strapi's Koa context.
  const files = (ctx.request as unknown as { files?: Record<string, UploadedPart | UploadedPart[]> }).files ?? {};
  const parts = Object.values(files).flat();
  try {
    const part = (files as Record<string, UploadedPart | UploadedPart[] | undefined>).file;
    if (!part) throw new errors.ValidationError(MESSAGES.noFile);
    if (Array.isArray(part) || parts.length > 1) throw new errors.ValidationError(MESSAGES.severalFiles);
    const filename = part.originalFilename ?? 'inventaire.csv';
    if (!EXTENSIONS.has(path.extname(filename).toLowerCase())) throw new errors.ValidationError(MESSAGES.badExtension);
    if (part.size > MAX_FILE_BYTES) throw new errors.ValidationError(MESSAGES.tooBig(MAX_FILE_BYTES / 1024 / 1024));
    return { filename, bytes: await fs.readFile(part.filepath) };
  } finally {
    await Promise.all(parts.map((p) => fs.rm(p.filepath, { force: true })));
  }
}

async function readRequest(ctx: Context) {
  const file = await takeFile(ctx);
  const body = (await validateBody(ctx.request.body ?? {})) as { mapping?: string; background?: string; acceptWarnings?: string };
  return {
    file,
    mapping: parseMapping(body.mapping),
    background: body.background === undefined ? undefined : body.background === 'true',
    acceptWarnings: body.acceptWarnings,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /intake/template`: our CSV template, headers only, as French Excel opens it. */
  async template(ctx: Context) {
    ctx.set('Content-Disposition', 'attachment; filename="modele-import-parc.csv"');
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = `\uFEFF${TEMPLATE_COLUMNS.map(([header]) => header).join(';')}\r\n`;
  },

  /** `GET /intake/donations`: the donations to pick from. */
  async donations(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'intake').listDonations(await scopeOf(strapi, ctx)) };
  },

  /** `POST /intake/donations/:documentId/dry-run`: the report, nothing written. */
  async dryRun(ctx: Context) {
    const documentId = documentIdParam(ctx, 'documentId', MESSAGES.donationNotFound);
    // The file is read (and its temporary copy removed) first; another workshop's donation then answers 404.
    const { file, mapping } = await readRequest(ctx);
    ctx.body = { data: await getService(strapi, 'intake').dryRun(documentId, file, mapping, await scopeOf(strapi, ctx)) };
  },

  /** `POST /intake/donations/:documentId/import`: 201 when done, 202 with a job to poll. */
  async importFile(ctx: Context) {
    const documentId = documentIdParam(ctx, 'documentId', MESSAGES.donationNotFound);
    const { file, mapping, background, acceptWarnings } = await readRequest(ctx);
    const outcome = await getService(strapi, 'intake').importFile(documentId, file, mapping, { background, acceptWarnings }, await scopeOf(strapi, ctx));
    ctx.status = outcome.mode === 'done' ? 201 : 202;
    ctx.body = { data: outcome };
  },

  /** `GET /intake/donations/:documentId/jobs`: the donation's latest imports, newest first. */
  async donationJobs(ctx: Context) {
    const documentId = documentIdParam(ctx, 'documentId', MESSAGES.donationNotFound);
    if (!(await getService(strapi, 'intake').donationInScope(documentId, await scopeOf(strapi, ctx)))) throw new errors.NotFoundError(MESSAGES.donationNotFound);
    ctx.body = { data: await getService(strapi, 'jobs').ofDonation(documentId) };
  },

  /** `GET /intake/jobs/:id`: status, phase, rows checked and written, errors, result. */
  async job(ctx: Context) {
    const id = documentIdParam(ctx, 'id', MESSAGES.jobNotFound);
    // Another workshop's import is as unknown as a missing one, checked before `get` (which may settle a lost job).
    const row = await getService(strapi, 'jobs').row(id);
    if (!row || !(await getService(strapi, 'intake').donationInScope(row.donation, await scopeOf(strapi, ctx)))) throw new errors.NotFoundError(MESSAGES.jobNotFound);
    const job = await getService(strapi, 'jobs').get(id);
    if (!job) throw new errors.NotFoundError(MESSAGES.jobNotFound);
    ctx.body = { data: job };
  },
});
