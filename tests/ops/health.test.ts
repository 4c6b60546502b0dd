import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from '../helpers/app';
import { PdfRenderer } from '../../src/plugins/documents/server/src/services/pdf-renderer';
import { checkChromium } from '../../src/plugins/documents/server/src/bootstrap';
import { REASONS, type ReadinessReport } from '../../src/plugins/health/server/src/domain/checks';
import type { Readiness } from '../../src/plugins/health/server/src/services/readiness';

const readiness = (strapi: Core.Strapi) => strapi.plugin('health').service('readiness') as Readiness;

describe('health routes, with the Chromium the tests use', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startApp('base');
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('/_health/live answers without login', async () => {
    const res = await app.http().get('/_health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('writes one request-log line per request, with its duration and credentials masked', async () => {
    const spy = jest.spyOn(app.strapi.log, 'http');
    try {
      await app.http().get('/_health/live?token=abc123&x=1');
      const lines = spy.mock.calls.map((call) => String(call[0]));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^GET \/_health\/live\?token=\[masqué\]&x=1 \(\d+ ms\) 200$/);
    } finally {
      spy.mockRestore();
    }
  });

  it('/_health/ready is 200 when the database answers and the renderer prints a PDF', async () => {
    const res = await app.http().get('/_health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: { status: 'ok' }, renderer: { status: 'ok' } } });
  });

  it('reports, in French and without the path, a renderer whose Chromium does not exist', async () => {
    const bogus = new PdfRenderer({ poolSize: 1, renderTimeoutMs: 5000, restartEvery: 10, executablePath: async () => '/nulle-part/chromium' });
    try {
      const report = await readiness(app.strapi).check({ renderer: bogus });
      expect(report).toEqual({
        status: 'error',
        checks: { database: { status: 'ok' }, renderer: { status: 'error', reason: 'Le moteur de rendu (Chromium) ne démarre pas. Vérifiez CHROMIUM_PATH.' } },
      });
    } finally {
      await bogus.close();
    }
  });

  it('/_health/ready is 503 when the database does not answer in time (every pooled connection held)', async () => {
    const knex = app.strapi.db.connection;
    const max = (knex.client as unknown as { pool: { max: number } }).pool.max;
    const held = await Promise.all(Array.from({ length: max }, () => knex.transaction()));
    try {
      const started = Date.now();
      const res = await app.http().get('/_health/ready').timeout(15000);
      expect(res.status).toBe(503);
      const body = res.body as ReadinessReport;
      expect(body.status).toBe('error');
      expect(body.checks.database).toEqual({ status: 'error', reason: REASONS.databaseTimeout(2000) });
      expect(body.checks.database).toEqual({ status: 'error', reason: 'La base de données ne répond pas (pas de réponse en 2 s).' });
      expect(body.checks.renderer).toEqual({ status: 'ok' });
      expect(Date.now() - started).toBeLessThan(10000);
      expect(JSON.stringify(body)).not.toMatch(/postgres|sv_t_|5432|127\.0\.0\.1/);
    } finally {
      await Promise.all(held.map((trx) => trx.rollback()));
    }
    // The pool is free again: ready again.
    expect((await app.http().get('/_health/ready')).status).toBe(200);
  });
});

describe('health routes and start-up, with CHROMIUM_PATH naming nothing', () => {
  let app: TestApp;
  const before = process.env.CHROMIUM_PATH;
  const errors: string[] = [];

  beforeAll(async () => {
    process.env.CHROMIUM_PATH = '/nulle-part/chromium';
    app = await startApp('base', {
      beforeLoad: (strapi) => {
        const original = strapi.log.error.bind(strapi.log);
        jest.spyOn(strapi.log, 'error').mockImplementation(((message: unknown, ...rest: unknown[]) => {
          errors.push(String(message));
          return original(message as string, ...(rest as []));
        }) as typeof strapi.log.error);
      },
    });
  });

  afterAll(async () => {
    await app?.stop();
    if (before === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = before;
  });

  it('logs at start-up, in French, what is missing and how to fix it (the app starts outside production)', () => {
    const line = errors.find((e) => e.includes('Chromium introuvable'));
    expect(line).toBeDefined();
    expect(line).toContain('CHROMIUM_PATH vaut « /nulle-part/chromium »');
    expect(line).toContain('apt-get install chromium');
    expect(line).toContain('Les PDF ne pourront pas être produits.');
  });

  it('/_health/ready is 503 with « Chromium introuvable », and no path', async () => {
    const res = await app.http().get('/_health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'error',
      checks: { database: { status: 'ok' }, renderer: { status: 'error', reason: REASONS.chromiumMissing } },
    });
    expect((res.body as ReadinessReport).checks.renderer).toMatchObject({ reason: expect.stringMatching(/^Chromium introuvable/) });
    expect(res.text).not.toContain('nulle-part');
  });

  it('refuses to start in production', () => {
    const log = { info: jest.fn(), error: jest.fn() };
    expect(() => checkChromium({ log } as unknown as Core.Strapi, { NODE_ENV: 'production', CHROMIUM_PATH: '/nulle-part/chromium' })).toThrow(
      /^documents : Chromium introuvable : CHROMIUM_PATH vaut « \/nulle-part\/chromium »/,
    );
    expect(log.error).not.toHaveBeenCalled();
  });
});
