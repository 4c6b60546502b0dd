import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { bootApp, ownDatabase, type OwnDatabase } from '../helpers/database';
import { binary } from '../documents/helpers/admin';
import { adminToken } from '../helpers/admin';
import type { TestApp } from '../helpers/app';
import { buildSecurityWorld } from './fixtures';

// Before issue 14, issued PDFs were media-library files under public/uploads, linked to their
// document by the `file` media field. A database and an uploads folder laid out that way must come
// out of the next start with every PDF in the private storage, byte for byte, and nothing left in
// public/ or in the media library. A file missing from disk is kept pending, not forgotten.
const MIGRATION = '2026.12.02T00.00.00.document-files.js';
const GENERATED = 'plugin::documents.generated-document';
let db: OwnDatabase;
const query = (sql: string, params: unknown[] = []) => db.query(sql, params);

const boot = () => bootApp(db.url, { mount: true, logLevel: 'error' });

interface Issued {
  id: number;
  documentId: string;
  number: string;
  pdf: Buffer;
  url?: string;
}

/** Stores a PDF the way the old code did: a media-library file under public/uploads, linked by the `file` field. */
async function asOldUpload(strapi: Core.Strapi, doc: Issued): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sv-old-upload-'));
  const filepath = path.join(dir, `${doc.number}.pdf`);
  await fs.writeFile(filepath, doc.pdf);
  try {
    const [file] = (await strapi.plugin('upload').service('upload').upload({
      data: { fileInfo: { name: `${doc.number}.pdf`, caption: doc.number, alternativeText: doc.number } },
      files: { filepath, originalFilename: `${doc.number}.pdf`, mimetype: 'application/pdf', size: doc.pdf.length },
    })) as Array<{ id: number; url: string }>;
    await query(`INSERT INTO files_related_mph (file_id, related_id, related_type, field, "order") VALUES ($1, $2, $3, 'file', 1)`, [file.id, doc.id, GENERATED]);
    return file.url;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Puts the database back as it was before the private storage: no table, no column, no migration logged. */
async function makeItOld(): Promise<void> {
  await query('DROP TABLE IF EXISTS sv_document_files; DROP TABLE IF EXISTS sv_document_files_to_move; ALTER TABLE documents_generated DROP COLUMN IF EXISTS file_erased_at');
  await query('DELETE FROM strapi_migrations WHERE name = $1', [MIGRATION]);
  const [stored] = await query('SELECT id, schema FROM strapi_database_schema ORDER BY id DESC LIMIT 1');
  const schema = stored.schema as { tables: Array<{ name: string; columns: Array<{ name: string }> }> };
  const table = schema.tables.find((t) => t.name === 'documents_generated');
  if (table) table.columns = table.columns.filter((c) => c.name !== 'file_erased_at');
  await query("UPDATE strapi_database_schema SET schema = $1, hash = 'before-private-documents' WHERE id = $2", [JSON.stringify(schema), stored.id]);
}

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const exists = (file: string) => fs.stat(file).then(() => true, () => false);

beforeAll(async () => {
  db = await ownDatabase('base');
});

afterAll(async () => {
  await db?.drop();
});

it('moves the PDFs of a database laid out the old way into the private storage at start-up', async () => {
  // 1. Issue three documents, then lay them out as the old code stored them.
  let strapi = await boot();
  const issued: Issued[] = [];
  let publicDir = '';
  try {
    const app = { strapi, http: () => request(strapi.server.httpServer) } as unknown as TestApp;
    const world = await buildSecurityWorld(app);
    const documents = strapi.plugin('documents').service('documents');
    const requests = [
      { kind: 'prescription-form', documentId: world.prescription.documentId },
      { kind: 'erasure-certificate', documentId: world.machine.documentId },
      { kind: 'label-sheet', documentId: world.donation.documentId },
    ];
    for (const r of requests) {
      const doc = (await documents.generate(r, { id: null, name: 'Test' })) as { id: number; documentId: string; number: string };
      const pdf = (await documents.fileContent(doc)) as Buffer;
      issued.push({ id: doc.id, documentId: doc.documentId, number: doc.number, pdf });
    }
    await makeItOldFiles(strapi, issued);
    publicDir = strapi.dirs.static.public;
  } finally {
    await strapi.destroy();
  }
  await makeItOld();
  // The third file went missing from disk before the upgrade.
  const missing = issued[2];
  const missingFile = path.join(publicDir, String(missing.url));
  const kept = await fs.readFile(missingFile);
  await fs.rm(missingFile);

  // 2. Start the new code on it.
  strapi = await boot();
  try {
    const http = () => request(strapi.server.httpServer);
    const jwt = await adminToken({ http } as unknown as TestApp);
    for (const doc of issued.slice(0, 2)) {
      const [row] = await query('SELECT content FROM sv_document_files WHERE generated_id = $1', [doc.id]);
      expect(sha256(row.content as Buffer)).toBe(sha256(doc.pdf));
      expect(await exists(path.join(publicDir, String(doc.url)))).toBe(false);
      const res = await http().get(`/documents/generated/${doc.documentId}/download`).set('Authorization', `Bearer ${jwt}`).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(sha256(res.body as Buffer)).toBe(sha256(doc.pdf));
    }
    // Nothing of them is left in the media library.
    const urls = issued.slice(0, 2).map((d) => d.url);
    expect(await query('SELECT url FROM files WHERE url = ANY($1)', [urls])).toEqual([]);
    expect(await query("SELECT file_id FROM files_related_mph WHERE related_type = $1 AND related_id = ANY($2)", [GENERATED, issued.slice(0, 2).map((d) => d.id)])).toEqual([]);
    // The missing one waits: still linked, reported, its download a French 404.
    expect(await query('SELECT generated_id FROM sv_document_files_to_move')).toEqual([{ generated_id: missing.id }]);
    const absent = await http().get(`/documents/generated/${missing.documentId}/download`).set('Authorization', `Bearer ${jwt}`);
    expect(absent.status).toBe(404);
    expect(absent.body.error.message).toMatch(/fichier/i);
  } finally {
    await strapi.destroy();
  }

  // 3. Once the file is back, the next start moves it too; a further start changes nothing.
  await fs.writeFile(missingFile, kept);
  for (let i = 0; i < 2; i += 1) {
    strapi = await boot();
    try {
      const [row] = await query('SELECT content FROM sv_document_files WHERE generated_id = $1', [missing.id]);
      expect(sha256(row.content as Buffer)).toBe(sha256(missing.pdf));
      expect(await query('SELECT generated_id FROM sv_document_files_to_move')).toEqual([]);
      expect(await exists(missingFile)).toBe(false);
      expect(await query("SELECT count(*)::int AS n FROM files WHERE mime = 'application/pdf'")).toEqual([{ n: 0 }]);
    } finally {
      await strapi.destroy();
    }
  }
});

async function makeItOldFiles(strapi: Core.Strapi, issued: Issued[]): Promise<void> {
  for (const doc of issued) doc.url = await asOldUpload(strapi, doc);
}
