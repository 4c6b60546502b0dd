import type { TestApp } from '../../helpers/app';

export { adminToken, DEV_ADMIN } from '../../helpers/admin';

/** Collects a binary response body (supertest leaves PDFs unparsed otherwise). */
export function binary(response: unknown, callback: (err: Error | null, body: Buffer) => void): void {
  // supertest hands the raw Node response stream to a custom parser.
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Deletes the files this test's app wrote to the media library (public/uploads); issued PDFs live in the database. */
export async function removeUploads(app: TestApp): Promise<void> {
  const files = (await app.strapi.db.query('plugin::upload.file').findMany({ select: ['url'] })) as Array<{ url: string }>;
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const publicDir = app.strapi.dirs.static.public;
  await Promise.all(files.filter((f) => f.url.startsWith('/uploads/')).map((f) => fs.rm(path.join(publicDir, f.url), { force: true })));
}
