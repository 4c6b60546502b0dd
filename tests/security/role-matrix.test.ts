import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from '../helpers/app';
import { fillPath, passesGuards, sampleParams } from '../helpers/guards';
import { portalAccount } from '../helpers/portal';
import { registeredRoutes, type RegisteredRoute } from '../helpers/routes';
import { buildSecurityWorld, staffTokens, type SecurityWorld } from './fixtures';
import { staffToken } from '../helpers/admin';

// docs/roles.md holds the role matrix: content types × staff roles × content-manager actions,
// plugin permissions × staff roles, and every admin and content-API route the app registers ×
// every role. This test rebuilds the three tables from the running app (the roles' real
// permissions, the routes enumerated from Strapi's routers, each route's guards evaluated by
// Strapi's own auth and policies) and requires the document to say exactly that: a new route, a
// new permission or a changed guard without its row fails here. `UPDATE_ROLES_DOC=1` rewrites
// the tables (then read the diff before committing it).
const root = path.resolve(__dirname, '..', '..');
const DOC = path.join(root, 'docs', 'roles.md');
const ROLES = ['Public', 'Prescripteur', 'Donateur', 'Atelier', 'Coordination', 'Réseau'] as const;
type Role = (typeof ROLES)[number];
const STAFF = { Atelier: 'seconde-vie-atelier', Coordination: 'seconde-vie-coordination', Réseau: 'seconde-vie-reseau' } as const;
/** Routes with a `:model` parameter are evaluated on the household, the type that names people. */
const MODEL = 'api::household.household';
const OUR_PLUGINS = new Set(fs.readdirSync(path.join(root, 'src', 'plugins')));

let app: TestApp;
let world: SecurityWorld;
const bearers: Record<Role, string | null> = { Public: null, Prescripteur: null, Donateur: null, Atelier: null, Coordination: null, Réseau: null };

beforeAll(async () => {
  app = await startApp('base');
  world = await buildSecurityWorld(app);
  const staff = await staffTokens(app, 'matrix');
  bearers.Atelier = `Bearer ${staff.atelier}`;
  bearers.Coordination = `Bearer ${staff.coordination}`;
  bearers.Réseau = `Bearer ${await staffToken(app, STAFF.Réseau, 'matrix-reseau@seconde-vie.test')}`;
  bearers.Prescripteur = `Bearer ${await portalAccount(app, 'prescriber', world.prescriber.documentId, 'matrice-prescripteur@example.test')}`;
  bearers.Donateur = `Bearer ${await portalAccount(app, 'donor', world.donor.documentId, 'matrice-donateur@example.test')}`;
});

afterAll(async () => {
  await app?.stop();
});

// ---------------------------------------------------------------- the three tables, from the app

interface RouteRow {
  route: RegisteredRoute;
  key: string;
  cells: Record<Role, boolean>;
}

const keyOf = (r: RegisteredRoute) => `${r.method} ${r.path}`;

async function routeRows(strapi: Core.Strapi): Promise<RouteRow[]> {
  const routes = registeredRoutes(strapi).sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  const rows: RouteRow[] = [];
  for (const route of routes) {
    const params = sampleParams(route.path, MODEL);
    const cells = {} as Record<Role, boolean>;
    for (const role of ROLES) cells[role] = route.handler !== '<unregistered>' && (await passesGuards(strapi, route.raw, bearers[role], params));
    rows.push({ route, key: keyOf(route), cells });
  }
  return rows;
}

const mark = (allowed: boolean) => (allowed ? '✓' : '—');

function routesTable(rows: RouteRow[]): string {
  const head = ['| Méthode | Chemin | Plugin | Gestionnaire | Public | Prescripteur | Donateur | Atelier | Coordination | Réseau |', '|---|---|---|---|:-:|:-:|:-:|:-:|:-:|:-:|'];
  return [...head, ...rows.map(({ route, cells }) => `| ${route.method} | \`${route.path}\` | ${route.plugin ?? 'api'} | ${route.handler} | ${ROLES.map((r) => mark(cells[r])).join(' | ')} |`)].join('\n');
}

interface AdminPermission {
  action: string;
  subject: string | null;
  properties?: { fields?: string[] } | null;
  conditions?: string[] | null;
}

async function permissionsOf(strapi: Core.Strapi, code: string): Promise<AdminPermission[]> {
  return (await strapi.db.query('admin::permission').findMany({ where: { role: { code } }, select: ['action', 'subject', 'properties', 'conditions'] })) as AdminPermission[];
}

const CM = 'plugin::content-manager.explorer.';
const VERBS: Array<[string, string]> = [['read', 'lire'], ['create', 'créer'], ['update', 'modifier'], ['delete', 'supprimer'], ['publish', 'publier']];

async function typesTable(strapi: Core.Strapi): Promise<string> {
  const perms = { Atelier: await permissionsOf(strapi, STAFF.Atelier), Coordination: await permissionsOf(strapi, STAFF.Coordination), Réseau: await permissionsOf(strapi, STAFF.Réseau) };
  const fieldsService = strapi.service('admin::content-type') as unknown as { getNestedFields(model: unknown, o: { components: unknown }): string[] };
  const types = strapi.contentTypes as unknown as Record<string, { info: { displayName: string } }>;
  const subjects = new Set<string>(Object.keys(types).filter((uid) => uid.startsWith('api::')));
  for (const list of Object.values(perms)) for (const p of list) if (p.action.startsWith(CM) && p.subject) subjects.add(p.subject);
  const cell = (list: AdminPermission[], uid: string) => {
    const all = fieldsService.getNestedFields(types[uid], { components: strapi.components });
    const granted = VERBS.flatMap(([verb, label]) => {
      const p = list.find((x) => x.action === `${CM}${verb}` && x.subject === uid);
      if (!p) return [];
      const fields = p.properties?.fields;
      const missing = fields ? [...new Set(all.filter((f) => !fields.includes(f)).map((f) => f.split('.')[0]))] : [];
      const only = fields ? [...new Set(fields.map((f) => f.split('.')[0]))] : [];
      if (missing.length > only.length) return [`${label} (seulement ${only.join(', ')})`];
      return [missing.length > 0 ? `${label} (sauf ${missing.join(', ')})` : label];
    });
    // « Fiches de mes ateliers » (docs/network.md): the role reaches only its workshops' records.
    const conditioned = (id: string) => list.some((x) => x.subject === uid && x.action.startsWith(CM) && (x.conditions ?? []).includes(id));
    const scoped = conditioned('api::in-my-workshops') ? ' — ses ateliers' : conditioned('api::main-workshop') ? ' — écriture : atelier principal' : '';
    return granted.length > 0 ? `${granted.join(', ')}${scoped}` : '—';
  };
  const lines = [...subjects].sort().map((uid) => `| ${types[uid]?.info.displayName ?? uid} | \`${uid}\` | ${cell(perms.Atelier, uid)} | ${cell(perms.Coordination, uid)} | ${cell(perms.Réseau, uid)} |`);
  return ['| Type de contenu | uid | Atelier | Coordination | Réseau |', '|---|---|---|---|---|', ...lines].join('\n');
}

async function actionsTable(strapi: Core.Strapi): Promise<string> {
  const perms = { Atelier: await permissionsOf(strapi, STAFF.Atelier), Coordination: await permissionsOf(strapi, STAFF.Coordination), Réseau: await permissionsOf(strapi, STAFF.Réseau) };
  const provider = (strapi.service('admin::permission') as unknown as { actionProvider: { values(): Array<{ actionId: string; section: string; displayName: string }> } }).actionProvider;
  const actions = provider.values().filter((a) => a.section !== 'contentTypes').sort((a, b) => a.actionId.localeCompare(b.actionId));
  const held = (list: AdminPermission[], id: string) => mark(list.some((p) => p.action === id));
  const lines = actions.map((a) => `| \`${a.actionId}\` | ${a.displayName} | ${held(perms.Atelier, a.actionId)} | ${held(perms.Coordination, a.actionId)} | ${held(perms.Réseau, a.actionId)} |`);
  return ['| Permission | Libellé | Atelier | Coordination | Réseau |', '|---|---|:-:|:-:|:-:|', ...lines].join('\n');
}

/** The household's and prescription's rows, to show that refused calls changed nothing. */
async function snapshot(): Promise<unknown> {
  const household = await app.sql.query('SELECT reference_name, phone, anonymised_at, updated_at FROM households WHERE document_id = $1', [world.household.documentId]);
  const prescription = await app.sql.query('SELECT pipeline_stage, reason, updated_at FROM prescriptions WHERE document_id = $1', [world.prescription.documentId]);
  const events = await app.sql.query('SELECT count(*)::int AS n FROM sv_pipeline_events WHERE subject_id = $1', [world.prescription.documentId]);
  return { household: household.rows, prescription: prescription.rows, events: events.rows };
}

// ---------------------------------------------------------------- the document

const MARKERS = { types: 'types', actions: 'actions', routes: 'routes' } as const;

function section(doc: string, name: string): string {
  const start = doc.indexOf(`<!-- ${name}:start -->`);
  const end = doc.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`docs/roles.md : marqueurs <!-- ${name}:start --> / <!-- ${name}:end --> introuvables.`);
  return doc.slice(start + `<!-- ${name}:start -->`.length, end).trim();
}

function replaceSection(doc: string, name: string, table: string): string {
  const start = doc.indexOf(`<!-- ${name}:start -->`) + `<!-- ${name}:start -->`.length;
  const end = doc.indexOf(`<!-- ${name}:end -->`);
  return `${doc.slice(0, start)}\n${table}\n${doc.slice(end)}`;
}

/** The table's body rows as cells (header and separator dropped). */
const tableRows = (table: string) =>
  table
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));

/** The role cells of docs/roles.md's routes table, by `METHOD /path`; a cell allows when it starts with ✓ (a note may follow). */
function documentedRoutes(table: string): Map<string, Record<Role, boolean>[]> {
  const out = new Map<string, Record<Role, boolean>[]>();
  for (const cells of tableRows(table)) {
    const key = `${cells[0]} ${cells[1].replace(/`/g, '')}`;
    const roles = Object.fromEntries(ROLES.map((r, i) => [r, cells[4 + i].startsWith('✓')])) as Record<Role, boolean>;
    out.set(key, [...(out.get(key) ?? []), roles]);
  }
  return out;
}

describe('the role matrix in docs/roles.md is the one the app enforces', () => {
  let rows: RouteRow[];
  let doc: string;

  beforeAll(async () => {
    rows = await routeRows(app.strapi);
    doc = fs.readFileSync(DOC, 'utf8');
    if (process.env.UPDATE_ROLES_DOC === '1') {
      doc = replaceSection(doc, MARKERS.types, await typesTable(app.strapi));
      doc = replaceSection(doc, MARKERS.actions, await actionsTable(app.strapi));
      doc = replaceSection(doc, MARKERS.routes, routesTable(rows));
      fs.writeFileSync(DOC, doc);
    }
  });

  it('enumerates the routes from Strapi’s routers, none unaccounted for', () => {
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.route.handler === '<unregistered>').map((r) => r.key)).toEqual([]);
  });

  it('gives each staff role exactly the content-manager rights of the types table', async () => {
    expect(section(doc, MARKERS.types)).toBe(await typesTable(app.strapi));
  });

  it('gives each staff role exactly the plugin permissions of the permissions table', async () => {
    expect(section(doc, MARKERS.actions)).toBe(await actionsTable(app.strapi));
  });

  it('has a row for every registered route, and no row for a route that does not exist', () => {
    const documented = documentedRoutes(section(doc, MARKERS.routes));
    const registered = new Set(rows.map((r) => r.key));
    expect(rows.filter((r) => !documented.has(r.key)).map((r) => r.key)).toEqual([]);
    expect([...documented.keys()].filter((k) => !registered.has(k))).toEqual([]);
  });

  it('lets each role through exactly the routes its row allows', () => {
    const documented = documentedRoutes(section(doc, MARKERS.routes));
    const seen = new Map<string, number>();
    const mismatches: string[] = [];
    for (const row of rows) {
      const i = seen.get(row.key) ?? 0;
      seen.set(row.key, i + 1);
      const expected = documented.get(row.key)?.[i];
      for (const role of ROLES) {
        if (expected && expected[role] !== row.cells[role]) mismatches.push(`${row.key} · ${role} : le document dit ${mark(expected[role])}, l'application ${mark(row.cells[role])}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses volunteers and donors every route that reads or changes a household or a prescription, and changes nothing', async () => {
    // Guards are not the whole story (the content manager and the workflow routes check in their
    // controller): every such route is called for real, on the world's household and prescription.
    const personal = rows.filter((r) => r.route.auth && !r.route.path.endsWith('/configuration') && (/household|prescription|privacy/.test(r.route.path) || /:model|:workflow|:key\b/.test(r.route.path)));
    expect(personal.length).toBeGreaterThan(40);
    const before = await snapshot();
    const problems: string[] = [];
    for (const row of personal) {
      const onHousehold = row.route.path.includes('household') || row.route.path.includes(':model');
      const url = fillPath(row.route.path, { ...sampleParams(row.route.path, MODEL), id: onHousehold ? world.household.documentId : world.prescription.documentId, documentId: onHousehold ? world.household.documentId : world.prescription.documentId });
      for (const role of ['Atelier', 'Donateur'] as const) {
        const method = row.route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
        const res = await app.http()[method](url).set('Authorization', String(bearers[role])).send({});
        if (res.status !== 401 && res.status !== 403) problems.push(`${row.route.method} ${url} · ${role} : ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('answers a refused role with 401 or 403 over HTTP, and lets an allowed one past the guards (our routes)', async () => {
    const problems: string[] = [];
    for (const row of rows.filter((r) => !r.route.plugin || OUR_PLUGINS.has(r.route.plugin))) {
      const url = fillPath(row.route.path, sampleParams(row.route.path, MODEL));
      for (const role of ROLES) {
        const allowed = row.cells[role];
        // Allowed calls run the controller: only reads are made, on a throwaway database.
        if (allowed && row.route.method !== 'GET') continue;
        const method = row.route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
        let req = app.http()[method](url);
        if (bearers[role]) req = req.set('Authorization', String(bearers[role]));
        const res = await req.send({});
        const guardRefusal = res.status === 401 || (res.status === 403 && ['Forbidden', 'Policy Failed'].includes(res.body?.error?.message));
        if (!allowed && res.status !== 401 && res.status !== 403) problems.push(`${row.key} · ${role} : refusé dans la matrice, ${res.status} en HTTP`);
        if (allowed && guardRefusal) problems.push(`${row.key} · ${role} : autorisé dans la matrice, ${res.status} ${res.body?.error?.message ?? ''} en HTTP`);
      }
    }
    expect(problems).toEqual([]);
  });
});
