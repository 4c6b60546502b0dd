import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { sha256 } from '../domain/hash';
import { KINDS } from '../domain/kinds';
import { MESSAGES } from '../domain/messages';
import { DOCUMENT_NUMBER, verifyPage, type VerifiedDocument } from '../domain/verify-page';
import { verifySummary } from '../domain/verify-summary';
import { PUBLIC_PAGE_POLICY } from '../../../../../shared/server/public-page';
import { getService, UID } from '../utils';

interface UploadedPart {
  filepath: string;
}

// The site's policy: its stylesheet (/site.css) and nothing inline.
const PAGE_POLICY = PUBLIC_PAGE_POLICY;

/** Every file the body parser wrote for this request (it leaves them in the temp folder). */
function uploadedParts(ctx: Context): UploadedPart[] {
  const files = (ctx.request as unknown as { files?: Record<string, UploadedPart | UploadedPart[]> }).files ?? {};
  return Object.values(files).flatMap((f) => (Array.isArray(f) ? f : [f])).filter((p) => typeof p?.filepath === 'string');
}

/**
 * The public /verify pages. Every answer is a French HTML page: a number that is not one (too
 * long, control characters, any other shape) is a 404 page like an unknown number, and so is any
 * other path or method under /verify; nothing here answers JSON.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function lookup(number: string): Promise<VerifiedDocument | null> {
    const doc = await getService(strapi, 'documents').findByNumber(number);
    if (!doc) return null;
    const newer = await strapi.db.query(UID.generated).count({
      where: { kind: doc.kind, targetUid: doc.targetUid, targetDocumentId: doc.targetDocumentId, version: { $gt: doc.version } },
    });
    let summary = doc.certified ?? null;
    const summaryIsCurrent = summary === null;
    if (!summary) {
      // Issued before documents kept what they certify: today's record, said as such.
      summary = await getService(strapi, 'context')
        .forRecord(doc.kind, doc.targetDocumentId)
        .then((data) => verifySummary(doc.kind, data))
        .catch(() => null);
    }
    // The workshop that issued it, as recorded at issuance; a document issued before the network
    // kept none: its record's workshop today (the default one for every such document).
    const issuer = doc.certified?.issuer ?? (await getService(strapi, 'identity').forRecord(doc.targetUid, doc.targetDocumentId).catch(() => getService(strapi, 'identity').forWorkshop(null)));
    return {
      number: doc.number,
      kindLabel: KINDS[doc.kind].label,
      issuedAt: String(doc.generatedAt),
      workshop: issuer.name,
      workshopCommune: issuer.commune ?? null,
      sha256: doc.sha256,
      version: doc.version,
      superseded: newer > 0,
      summary,
      summaryIsCurrent: summaryIsCurrent && summary !== null,
    };
  }

  const send = (ctx: Context, html: string, status: number) => {
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', PAGE_POLICY);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = html;
  };

  const wellFormed = (value: unknown): value is string => typeof value === 'string' && DOCUMENT_NUMBER.test(value);

  return {
    /** GET /verify/:number, public. */
    async show(ctx: Context) {
      const number = ctx.params.number as unknown;
      if (!wellFormed(number)) return send(ctx, verifyPage('', null, { miss: 'malformed' }), 404);
      const doc = await lookup(number);
      send(ctx, verifyPage(number, doc), doc ? 200 : 404);
    },

    /** POST /verify/:number with a PDF (multipart field "file"): does its hash match? */
    async check(ctx: Context) {
      const parts = uploadedParts(ctx);
      try {
        const number = ctx.params.number as unknown;
        if (!wellFormed(number)) return send(ctx, verifyPage('', null, { miss: 'malformed' }), 404);
        const doc = await lookup(number);
        if (!doc) return send(ctx, verifyPage(number, null), 404);
        const files = (ctx.request as unknown as { files?: Record<string, UploadedPart | UploadedPart[]> }).files ?? {};
        const part = Array.isArray(files.file) ? files.file[0] : files.file;
        if (!part?.filepath) return send(ctx, verifyPage(number, doc, { notice: MESSAGES.uploadMissing }), 400);
        const hash = sha256(await fs.readFile(part.filepath));
        send(ctx, verifyPage(number, doc, { check: { matches: hash === doc.sha256, sha256: hash } }), 200);
      } finally {
        await Promise.all(parts.map((p) => fs.rm(p.filepath, { force: true })));
      }
    },

    /** Any other path or method under /verify. */
    async notFound(ctx: Context) {
      await Promise.all(uploadedParts(ctx).map((p) => fs.rm(p.filepath, { force: true })));
      send(ctx, verifyPage('', null, { miss: 'malformed' }), 404);
    },
  };
};
