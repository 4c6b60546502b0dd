import type { TestApp } from '../../helpers/app';

export const DEV_ADMIN = { email: 'admin@seconde-vie.test', password: 'SecondeVie-2012' };

/** Logs in to the admin API; returns a bearer token. */
export async function adminToken(app: TestApp, email = DEV_ADMIN.email, password = DEV_ADMIN.password): Promise<string> {
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`connexion impossible : ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/** Collects a binary response body (supertest leaves PDFs unparsed otherwise). */
export function binary(response: unknown, callback: (err: Error | null, body: Buffer) => void): void {
  // supertest hands the raw Node response stream to a custom parser.
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Deletes the files this test's app wrote to the media library (public/uploads). */
export async function removeUploads(app: TestApp): Promise<void> {
  const files = (await app.strapi.db.query('plugin::upload.file').findMany({ select: ['url'] })) as Array<{ url: string }>;
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const publicDir = app.strapi.dirs.static.public;
  await Promise.all(files.filter((f) => f.url.startsWith('/uploads/')).map((f) => fs.rm(path.join(publicDir, f.url), { force: true })));
}
