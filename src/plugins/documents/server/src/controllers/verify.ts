import fs from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { sha256 } from '../domain/hash';
import { KINDS } from '../domain/kinds';
import { MESSAGES } from '../domain/messages';
import { verifyPage, type VerifiedDocument } from '../domain/verify-page';
import { PUBLIC_PAGE_POLICY } from '../../../../site/server/src/domain/layout';
import { getService, UID } from '../utils';
import { validateNumberParam } from './validation';

interface UploadedPart {
  filepath: string;
}

// The site's policy: its stylesheet (/site.css) and nothing inline.
const PAGE_POLICY = PUBLIC_PAGE_POLICY;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function lookup(number: string): Promise<VerifiedDocument | null> {
    const doc = await getService(strapi, 'documents').findByNumber(number);
    if (!doc) return null;
    const newer = await strapi.db.query(UID.generated).count({
      where: { kind: doc.kind, targetUid: doc.targetUid, targetDocumentId: doc.targetDocumentId, version: { $gt: doc.version } },
    });
    return {
      number: doc.number,
      kindLabel: KINDS[doc.kind].label,
      issuedAt: String(doc.generatedAt),
      workshop: (await getService(strapi, 'identity').get()).name,
      sha256: doc.sha256,
      version: doc.version,
      superseded: newer > 0,
    };
  }

  const send = (ctx: Context, html: string, found: boolean) => {
    ctx.status = found ? 200 : 404;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', PAGE_POLICY);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = html;
  };

  return {
    /** GET /verify/:number, public. */
    async show(ctx: Context) {
      const { number } = await validateNumberParam({ number: ctx.params.number });
      const doc = await lookup(number);
      send(ctx, verifyPage(number, doc), doc !== null);
    },

    /** POST /verify/:number with a PDF (multipart field "file"): does its hash match? */
    async check(ctx: Context) {
      const { number } = await validateNumberParam({ number: ctx.params.number });
      const files = (ctx.request as unknown as { files?: Record<string, UploadedPart | UploadedPart[]> }).files ?? {};
      const part = Array.isArray(files.file) ? files.file[0] : files.file;
      if (!part?.filepath) throw new errors.ValidationError(MESSAGES.uploadMissing);
      const hash = sha256(await fs.readFile(part.filepath));
      await fs.rm(part.filepath, { force: true });
      const doc = await lookup(number);
      send(ctx, verifyPage(number, doc, doc ? { matches: hash === doc.sha256, sha256: hash } : null), doc !== null);
    },
  };
};
