import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** A route that takes files, and how many bytes and files at most. */
export interface UploadRoute {
  method: 'POST' | 'PUT';
  /** Matched against the request path (no query string). */
  path: RegExp;
  /** Total bytes of files in one request. */
  maxBytes: number;
  maxFiles: number;
  /** The multipart fields that may hold a file; any other file part is not written. */
  fileFields: string[];
}

export interface BodyConfig {
  jsonLimit: string;
  formLimit: string;
  textLimit: string;
  uploads: UploadRoute[];
}

type Middleware = (ctx: Context, next: Next) => Promise<unknown>;
export type MiddlewareFactory = (config: Record<string, unknown>, ctx: { strapi: Core.Strapi }) => Middleware;

const MESSAGES = {
  notHere: 'Cette adresse ne reçoit pas de fichier : envoyez les données en JSON ou en formulaire simple.',
  tooBig: (bytes: number) => `Envoi trop volumineux : ${Math.round(bytes / 1024 / 1024)} Mo de fichiers au plus pour cette adresse.`,
  tooMany: (n: number) => `Trop de fichiers : ${n} au plus pour cette adresse.`,
  malformed: "L'envoi de fichier est incomplet ou mal formé : renvoyez-le.",
  unreadable: "Le corps de la requête ne se lit pas : il ne correspond pas à son type (JSON, formulaire ou texte).",
  bodyTooBig: 'Le corps de la requête est trop long (1 Mo de JSON, 64 Ko de formulaire ou de texte au plus).',
};

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function refuse(ctx: Context, status: number, message: string): void {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name: status === 413 ? 'PayloadTooLargeError' : status === 415 ? 'UnsupportedMediaTypeError' : 'ValidationError', message, details: {} } };
}

/**
 * Wraps `strapi::body` (registered in src/index.ts with the middlewares registry's `extend`, so the
 * name Strapi requires stays): JSON, forms and text on every route, multipart only on the routes
 * listed in config/middlewares.ts, each with its own limits. Files are written to a folder of
 * their own for the request, removed when it ends — answered, refused or failed — whatever the
 * fields were called (Strapi's parser alone keeps any part but `files` for good).
 */
export const withUploadRules =
  (strapiBody: MiddlewareFactory): MiddlewareFactory =>
  (rawConfig, { strapi }) => {
    const config = rawConfig as unknown as BodyConfig;
    const limits = { jsonLimit: config.jsonLimit, formLimit: config.formLimit, textLimit: config.textLimit };
    const plain = strapiBody({ ...limits, multipart: false }, { strapi });

    return async (ctx, next) => {
      const multipart = BODY_METHODS.has(ctx.method) && Boolean(ctx.is('multipart'));
      const route = config.uploads.find((r) => r.method === ctx.method && r.path.test(ctx.path));
      if (!route) {
        if (multipart) return refuse(ctx, 415, MESSAGES.notHere);
        let parsed = false;
        try {
          return await plain(ctx, async () => {
            parsed = true;
            return next();
          });
        } catch (error) {
          if (parsed) throw error;
          // A body that is not what its Content-Type says, or too long: the client's fault, said in French.
          const status = (error as { status?: number }).status;
          return refuse(ctx, status === 413 ? 413 : 400, status === 413 ? MESSAGES.bodyTooBig : MESSAGES.unreadable);
        }
      }

      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'seconde-vie-upload-'));
      let files = 0;
      let reached = false;
      let answered = false;
      const parser = strapiBody(
        {
          ...limits,
          multipart: true,
          formidable: {
            uploadDir: dir,
            maxFileSize: route.maxBytes,
            maxFields: 50,
            maxFieldsSize: 1024 * 1024,
            // Called for each part holding a file: only expected fields are written, and only so many.
            filter: (part: { name?: string | null; originalFilename?: string | null }) => {
              if (!part.originalFilename || !route.fileFields.includes(String(part.name))) return false;
              files += 1;
              return files <= route.maxFiles;
            },
          },
        },
        { strapi },
      );
      try {
        await parser(ctx, async () => {
          if (files > route.maxFiles) {
            answered = true;
            return refuse(ctx, 413, MESSAGES.tooMany(route.maxFiles));
          }
          reached = true;
          return next();
        });
      } catch (error) {
        if (reached) throw error;
        const e = error as { httpCode?: number; message?: string };
        if (e.httpCode === 413 || /maxFileSize|maxFieldsSize|maxFields/.test(String(e.message))) return refuse(ctx, 413, MESSAGES.tooBig(route.maxBytes));
        return refuse(ctx, 400, MESSAGES.malformed);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
      // Strapi's parser answers a file over the limit itself, in English: say it in French.
      if (!reached && !answered && ctx.status === 413) refuse(ctx, 413, MESSAGES.tooBig(route.maxBytes));
      return undefined;
    };
  };
