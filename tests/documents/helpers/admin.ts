import type { TestApp } from '../../helpers/app';

export const DEV_ADMIN = { email: 'admin@seconde-vie.test', password: 'SecondeVie-2012' };

/** Logs in to the admin API; returns a bearer token. */
export async function adminToken(app: TestApp, email = DEV_ADMIN.email, password = DEV_ADMIN.password): Promise<string> {
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`connexion impossible : ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/** Collects a binary response body (supertest leaves PDFs unparsed otherwise). */
export function binary(res: NodeJS.ReadableStream, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
