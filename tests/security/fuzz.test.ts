import fc from 'fast-check';
import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { portalAccount } from '../helpers/portal';
import { registeredRoutes, type RegisteredRoute } from '../helpers/routes';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { buildWorld, type PortalWorld } from '../portal/fixtures';

// Malformed query strings and bodies, sent to every content-API route and every route of our
// plugins, as each role: the app never answers 5xx, and a refused request changes no row.
// Routes come from the router (tests/helpers/routes.ts), so a new route is fuzzed without a line
// here. FUZZ_DEBUG=1 prints the slowest routes.

const OUR_PLUGINS = ['pipeline', 'documents', 'portal', 'privacy', 'intake', 'site', 'relations', 'outreach', 'reporting', 'health'];
type Role = 'anonyme' | 'prescripteur' | 'donateur' | 'atelier' | 'coordination' | 'jeton';
const ROLES: Role[] = ['anonyme', 'prescripteur', 'donateur', 'atelier', 'coordination', 'jeton'];

/**
 * Tables written on purpose by refused or read-only requests, so left out of the checksum:
 * attempt counters (every failed login and every offer post counts), the read log of household
 * data, API tokens' last use, sessions.
 */
const WRITTEN_BY_DESIGN = new Set(['sv_auth_attempts', 'sv_site_offer_attempts', 'sv_privacy_access_log', 'strapi_api_tokens', 'strapi_sessions']);

/**
 * Runs per route and role: enough to reach each edge, few enough to keep the file within a few
 * minutes. FUZZ_RUNS and FUZZ_SEED explore further (FUZZ_RUNS=10 FUZZ_SEED=777 takes ≈ 12 min).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);

/**
 * A role that cannot pass a route's authentication (staff on the content API, a portal account
 * or nobody on an admin route) is refused before anything reads the request: one try is enough.
 */
function runsFor(route: RegisteredRoute, role: Role): number {
  if (!route.auth) return RUNS;
  const staff = role === 'atelier' || role === 'coordination';
  if (route.type === 'admin') return staff ? RUNS : 1;
  return role === 'anonyme' || staff ? 1 : RUNS;
}
const SEED = Number(process.env.FUZZ_SEED ?? 20141);

let app: TestApp;
let smtp: SmtpCapture;
let world: PortalWorld;
let tables: string[] = [];
let origin = '';
const auth: Record<Role, string | null> = { anonyme: null, prescripteur: null, donateur: null, atelier: null, coordination: null, jeton: null };

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  // No scheduled job (Strapi's upload metrics write the core store at midnight): any write seen
  // during a refused request is the request's.
  process.env.CRON_ENABLED = 'false';
  app = await startApp('base');
  origin = new URL(await app.listen()).origin;
  world = await buildWorld(app);
  auth.prescripteur = await portalAccount(app, 'prescriber', world.prescriberA.documentId, 'fuzz-a@portail.test');
  auth.donateur = await portalAccount(app, 'donor', world.donorX.documentId, 'fuzz-x@portail.test');
  auth.atelier = await staffToken(app, 'seconde-vie-atelier', 'fuzz-atelier@atelier.test');
  auth.coordination = await staffToken(app, 'seconde-vie-coordination', 'fuzz-coordination@atelier.test');
  auth.jeton = await createFullAccessToken(app.strapi, 'fuzz');
  const { rows } = await app.sql.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  tables = (rows as Array<{ tablename: string }>).map((r) => r.tablename).filter((t) => !WRITTEN_BY_DESIGN.has(t));
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
  delete process.env.CRON_ENABLED;
});

/**
 * Settings Strapi writes on its own schedule, whatever the requests: the weekly metrics bookkeeping
 * of the upload and review-workflows plugins (the latter stored under `ee`), whose first run comes
 * 15 s after a start (their `weekly-metrics.js`): seen once as a change during a refused request.
 */
const BACKGROUND_SETTINGS = ['plugin_upload_metrics', 'plugin_ee_metrics'];

/** One digest per table of everything it holds. */
async function checksums(): Promise<Map<string, string>> {
  const only = (t: string) => (t === 'strapi_core_store_settings' ? ` WHERE x.key NOT IN (${BACKGROUND_SETTINGS.map((k) => `'${k}'`).join(', ')})` : '');
  const parts = tables.map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x${only(t)}`);
  const { rows } = await app.sql.query(parts.join(' UNION ALL '));
  return new Map((rows as Array<{ t: string; h: string }>).map((r) => [r.t, r.h]));
}

/** The next transaction id PostgreSQL will hand out: it moves only when something writes (or tries to). */
async function writeMarker(): Promise<string> {
  const { rows } = await app.sql.query('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x');
  return (rows[0] as { x: string }).x;
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.entries()].filter(([t, h]) => before.get(t) !== h).map(([t]) => t);
}

// --- What is sent ---

const NASTY_STRINGS = [
  'abc', '', ' ', '0', '-1', '1.5', '1e309', '99999999999999999999', '2147483648', '-9223372036854775809',
  '0000-01-01', '0000-00-00T00:00:00.000Z', '2026-02-30', '2026-13-45', '10000-01-01', 'NaN', 'null', 'true',
  'a\u0000b', '\u0000', '\r\nBcc: fuzz@evil.test', '<script>alert(1)</script>', '%', '%00', '../../etc/passwd',
  '*', 'id:desc', 'nonexistent:asc', 'RAW:%E0%A4%A', 'RAW:%FF', 'x'.repeat(5000), '🚲', '\uD800', '[object Object]', '{"$ne":null}',
];

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e20, 2 ** 31, Number.MAX_SAFE_INTEGER, [], {}, [1, 'a'], { id: 'abc' }, { connect: [{ id: 'abc' }] }, { set: ['x'] }, { $ne: null }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const QUERY_KEYS = [
  'filters[id][$eq]', 'filters[id][$in][0]', 'filters[id][$between][0]', 'filters[id][$gt]', 'filters[documentId][$eq]', 'filters[createdAt][$gt]',
  'filters[updatedAt][$eq]', 'filters[$or][0][id][$eq]', 'filters[$and][0][createdAt][$lt]', 'filters[$not][id][$eq]', 'filters[nonexistent][$eq]',
  'filters[id][$unknown]', 'filters[id]', 'filters', 'sort', 'sort[0]', 'sort[id]', 'pagination[page]', 'pagination[pageSize]', 'pagination[start]',
  'pagination[limit]', 'pagination[withCount]', 'populate', 'populate[0]', 'populate[household][filters][id][$eq]', 'populate[*]', 'fields[0]', 'fields',
  'locale', 'status', 'format', 'structure', 'documentId', 'targetUid', 'kind', 'year', 'from', 'to', 'period', 'programme', 'territory', 'q', '_q', 'page',
  'pageSize', 'id', 'workflow', 'stage', 'state', 'limit', 'offset', 'date', 'since', 'until',
];

/** Query keys from the attributes of the route's content type, when it has one. */
function attributeKeys(route: RegisteredRoute): string[] {
  const uid = /^api::([a-z-]+)\.\1\./.exec(route.action) ? route.action.split('.').slice(0, 2).join('.') : null;
  const model = uid ? app.strapi.contentTypes[uid as keyof typeof app.strapi.contentTypes] : undefined;
  if (!model) return [];
  return Object.keys(model.attributes).flatMap((a) => [`filters[${a}][$eq]`, `filters[${a}][$lt]`, `filters[${a}][$in][0]`, `sort=${a}`]);
}

const BODY_KEYS = [
  'data', 'to', 'from', 'kind', 'documentId', 'documentIds', 'reason', 'note', 'notes', 'email', 'password', 'passwordConfirmation', 'currentPassword',
  'token', 'code', 'identifier', 'stage', 'state', 'ids', 'message', 'subject', 'body', 'structure', 'format', 'targetUid', 'year', 'date', 'signedAt',
  'quantity', 'mapping', 'options', 'household', 'needs', 'result', 'passes', 'tool', 'deviceSerial', 'expectedCount', 'items', 'name', 'label',
  'workflow', 'audience', 'channel', 'reminderDays', 'recipient', 'count', 'owner', 'nextStep', 'outcome', 'programme', 'territory', 'operator',
];

function dataKeys(route: RegisteredRoute): string[] {
  const uid = route.action.split('.').slice(0, 2).join('.');
  const model = app.strapi.contentTypes[uid as keyof typeof app.strapi.contentTypes];
  return model ? Object.keys(model.attributes) : BODY_KEYS;
}

interface Sample {
  params: string[];
  query: Array<[string, string]>;
  body: unknown;
  encoding: 'json' | 'form' | 'broken-json' | 'multipart' | 'none';
}

function sampleArbitrary(route: RegisteredRoute): fc.Arbitrary<Sample> {
  const params = (route.path.match(/:[A-Za-z]+/g) ?? []).length;
  const real = [world.prescriptionA.documentId, world.householdA.documentId, world.donationX.documentId, world.machineX.documentId, String(world.machineX.id), '1'];
  // A deletion is only ever aimed at nothing: a real id there would delete the fixtures.
  const paramValue = route.method === 'DELETE' ? fc.constantFrom(...NASTY_STRINGS.slice(0, 12)) : fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(...real));
  const keys = [...QUERY_KEYS, ...attributeKeys(route).map((k) => k.split('=')[0])];
  const queryValue = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(...attributeKeys(route).filter((k) => k.startsWith('sort=')).map((k) => k.slice(5)), 'id', 'true'));
  const bodyKeys = dataKeys(route);
  const objectOf = (ks: string[]) => fc.dictionary(fc.constantFrom(...ks), nastyValue, { maxKeys: 5 });
  const body = fc.oneof(
    fc.record({ data: objectOf(bodyKeys) }),
    objectOf(BODY_KEYS),
    fc.record({ data: nastyValue }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  return fc.record({
    params: fc.array(paramValue, { minLength: params, maxLength: params }),
    query: fc.array(fc.tuple(fc.constantFrom(...keys), queryValue), { maxLength: 4 }),
    body,
    encoding: route.method === 'GET' ? fc.constant<'none'>('none') : fc.constantFrom<Sample['encoding']>('json', 'json', 'json', 'form', 'broken-json', 'multipart'),
  });
}

/** URL-encodes a value; `RAW:` values go in as they are (broken escapes), a lone surrogate as invalid UTF-8. */
function encode(value: string): string {
  if (value.startsWith('RAW:')) return value.slice(4);
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function urlOf(route: RegisteredRoute, sample: Sample): string {
  let i = 0;
  const path = route.path.replace(/:[A-Za-z]+(\(.*?\))?/g, () => encode(sample.params[i++] ?? 'x'));
  const qs = sample.query.map(([k, v]) => `${k}=${encode(v)}`).join('&');
  return qs ? `${path}?${qs}` : path;
}

async function send(route: RegisteredRoute, role: Role, sample: Sample) {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = app.http()[method](urlOf(route, sample)).timeout(30_000);
  const token = auth[role];
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  // The public form checks its origin: give it ours, so the fuzz gets past that door.
  req = req.set('Origin', origin);
  switch (sample.encoding) {
    case 'json':
      // Any JSON value, numbers and null included, as a client could send it.
      return req.set('Content-Type', 'application/json').send(JSON.stringify(sample.body) ?? 'null');
    case 'form':
      return req.type('form').send(typeof sample.body === 'object' && sample.body !== null && !Array.isArray(sample.body) ? formOf(sample.body as Record<string, unknown>) : `v=${encodeURIComponent(String(sample.body))}`);
    case 'broken-json':
      return req.set('Content-Type', 'application/json').send('{"data": {"a": [1, 2');
    case 'multipart':
      return req.field('data', JSON.stringify(sample.body ?? null)).attach('x', Buffer.from('fuzz'), 'fuzz.txt');
    default:
      return req;
  }
}

/** A form body: nested values as their JSON text, as a crafted form could carry. */
function formOf(body: Record<string, unknown>): string {
  return Object.entries(body)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encode(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`)
    .join('&');
}

/** Routes that end the caller's session: run last, so the other routes are still tried signed in. */
const ENDS_SESSION = /auth\.(logout|changePassword|revokeSession)|user\.(destroy|update)/;

interface Failure {
  role: Role;
  route: string;
  url: string;
  status: number;
  body: string;
  changed?: string[];
}

function routesToFuzz(): RegisteredRoute[] {
  const chosen = registeredRoutes(app.strapi)
    .filter((r) => r.type === 'content-api' || (r.plugin !== undefined && OUR_PLUGINS.includes(r.plugin)))
    // A route that answers any method is fuzzed as a read and as a write.
    .flatMap((r) => (r.method === 'ALL' ? [{ ...r, method: 'GET' }, { ...r, method: 'POST' }] : [r]));
  return [...chosen.filter((r) => !ENDS_SESSION.test(r.action)), ...chosen.filter((r) => ENDS_SESSION.test(r.action))];
}

describe('malformed requests to every content-API and plugin route', () => {
  it('finds the routes to fuzz in the router', () => {
    const routes = routesToFuzz();
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /api/machines', 'POST /api/portail/prescriptions', 'POST /privacy/households/:documentId/anonymise']));
  });

  for (const role of ROLES) {
    it(`never answer 5xx nor change a row when refused, as ${role}`, async () => {
      const failures: Failure[] = [];
      const timings: Array<[string, number]> = [];
      // A first request of each kind, so that what Strapi sets up lazily is not taken for a change.
      await send({ method: 'GET', path: '/api/machines', type: 'content-api', handler: 'warm-up', action: 'warm-up', policies: [], auth: true, raw: { method: 'GET', path: '/api/machines', handler: null } }, role, { params: [], query: [], body: null, encoding: 'none' });
      let baseline = { marker: await writeMarker(), sums: await checksums() };
      for (const route of routesToFuzz()) {
        const started = Date.now();
        // Each route starts with fresh attempt counters, so that throttles do not hide what lies behind them.
        await app.sql.query('DELETE FROM sv_auth_attempts; DELETE FROM sv_site_offer_attempts');
        const samples = fc.sample(sampleArbitrary(route), { numRuns: runsFor(route, role), seed: SEED + route.path.length });
        for (const sample of samples) {
          const marker = await writeMarker();
          if (marker !== baseline.marker) baseline = { marker, sums: await checksums() };
          const res = await send(route, role, sample);
          const url = urlOf(route, sample).slice(0, 300);
          const where = { role, route: `${route.method} ${route.path}`, url, status: res.status, body: String(res.text).slice(0, 300) };
          if (res.status >= 500) failures.push(where);
          const after = await writeMarker();
          // No transaction id was handed out: nothing was written, not even rolled back.
          if (after === marker || res.status < 400) continue;
          const sums = await checksums();
          const changed = changedTables(baseline.sums, sums);
          if (changed.length > 0) failures.push({ ...where, changed });
          baseline = { marker: after, sums };
        }
        timings.push([`${route.method} ${route.path}`, Date.now() - started]);
      }
      if (process.env.FUZZ_DEBUG) console.log(JSON.stringify(timings.sort((a, b) => b[1] - a[1]).slice(0, 25)), timings.length);
      expect(failures).toEqual([]);
    });
  }
});
