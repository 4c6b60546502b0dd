import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';

/**
 * The content manager populates each relation of a list whole; a role that reads only some fields
 * of the target type (Atelier reads donors' and workshops' names, conventions' numbers) must get
 * only those under the relation too (src/middlewares/relation-fields.ts, docs/roles.md). For every
 * type each staff role reads, on the demo: every related record in the list and in one record's
 * answer carries only the fields the role reads on the target type (its permissions, from SQL).
 */
let app: TestApp;
const tokens: Record<string, string> = {};
// Strapi's own bookkeeping, which its sanitiser keeps for any readable record.
const ALWAYS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale']);

beforeAll(async () => {
  app = await startApp('demo');
  tokens['seconde-vie-atelier'] = await staffToken(app, 'seconde-vie-atelier', 'champs-atelier@seconde-vie.test');
  tokens['seconde-vie-coordination'] = await staffToken(app, 'seconde-vie-coordination', 'champs-coordination@seconde-vie.test');
});

afterAll(async () => app?.stop());

/** The fields a role reads on each type (content-manager read permissions); null: every field. */
async function readable(role: string): Promise<Map<string, Set<string> | null>> {
  const { rows } = await app.sql.query(
    `SELECT p.subject, p.properties FROM admin_permissions p
       JOIN admin_permissions_role_lnk l ON l.permission_id = p.id JOIN admin_roles r ON r.id = l.role_id
      WHERE r.code = $1 AND p.action = 'plugin::content-manager.explorer.read'`,
    [role]
  );
  return new Map(
    rows.map((r: { subject: string; properties: unknown }) => {
      const props = (typeof r.properties === 'string' ? JSON.parse(r.properties) : r.properties) as { fields?: string[] | null } | null;
      return [r.subject, props?.fields ? new Set(props.fields) : null] as const;
    })
  );
}

describe.each(['seconde-vie-atelier', 'seconde-vie-coordination'])('%s', (role) => {
  it('gets, under each relation of a list or a record, only the fields it reads on the related type', async () => {
    const fields = await readable(role);
    const leaks: string[] = [];
    let related = 0;
    for (const uid of fields.keys()) {
      const model = app.strapi.getModel(uid as never) as { attributes: Record<string, { type: string; target?: string }> } | undefined;
      if (!model || (model as { kind?: string }).kind === 'singleType') continue;
      const list = await app.http().get(`/content-manager/collection-types/${uid}?page=1&pageSize=20`).set('Authorization', `Bearer ${tokens[role]}`);
      expect([uid, list.status]).toEqual([uid, 200]);
      const one = list.body.results?.[0]?.documentId
        ? (await app.http().get(`/content-manager/collection-types/${uid}/${list.body.results[0].documentId}`).set('Authorization', `Bearer ${tokens[role]}`)).body.data
        : null;
      for (const entry of [...(list.body.results ?? []), ...(one ? [one] : [])]) {
        for (const [name, attribute] of Object.entries(model.attributes)) {
          if (attribute.type !== 'relation' || !attribute.target || attribute.target.startsWith('admin::')) continue;
          const values = ([] as unknown[]).concat(entry[name] ?? []).filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && 'documentId' in v);
          const allowed = fields.has(attribute.target) ? fields.get(attribute.target) : new Set<string>();
          for (const value of values) {
            related += 1;
            const extra = Object.keys(value).filter((k) => !ALWAYS.has(k) && allowed !== null && !allowed!.has(k));
            if (extra.length) leaks.push(`${uid}.${name} → ${attribute.target}: ${extra.join(', ')}`);
          }
        }
      }
    }
    expect([...new Set(leaks)]).toEqual([]);
    // The demo's lists do show related records (else this test would prove nothing).
    expect(related).toBeGreaterThan(20);
  });
});

describe('the search box (_q) of a type a role reads in part', () => {
  const search = (role: string, uid: string, q: string) =>
    app.http().get(`/content-manager/collection-types/${uid}?page=1&pageSize=100&_q=${encodeURIComponent(q)}`).set('Authorization', `Bearer ${tokens[role]}`);

  it('finds donors by a word of their name for Atelier, never by a field it does not read (its SIRET)', async () => {
    // A donor's SIRET (its first nine digits, the SIREN), which no donor's name holds.
    const { rows } = await app.sql.query(
      `SELECT substr(siret, 1, 9) AS w FROM donors d WHERE siret IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM donors n WHERE n.name ILIKE '%' || substr(d.siret, 1, 9) || '%') ORDER BY id LIMIT 1`
    );
    expect(rows).toHaveLength(1);
    const hidden = rows[0].w as string;
    const coordination = await search('seconde-vie-coordination', 'api::donor.donor', hidden);
    expect(coordination.body.pagination.total).toBeGreaterThan(0);
    const atelier = await search('seconde-vie-atelier', 'api::donor.donor', hidden);
    expect(atelier.status).toBe(200);
    expect(atelier.body.pagination.total).toBe(0);

    // Its name still finds it: as many as SQL counts.
    const { rows: [named] } = await app.sql.query("SELECT name FROM donors WHERE length(name) > 6 ORDER BY id LIMIT 1");
    const word = (named.name as string).slice(0, 6);
    const { rows: [count] } = await app.sql.query('SELECT count(*)::int AS n FROM donors WHERE name ILIKE $1', [`%${word}%`]);
    const byName = await search('seconde-vie-atelier', 'api::donor.donor', word);
    expect(byName.body.pagination.total).toBe(count.n);
    expect(count.n).toBeGreaterThan(0);
  });

  it('leaves the search of a type the role reads whole as Strapi makes it (machines by label code)', async () => {
    const { rows: [m] } = await app.sql.query('SELECT label_code FROM machines ORDER BY id LIMIT 1');
    const res = await search('seconde-vie-atelier', 'api::machine.machine', m.label_code);
    expect(res.body.results.map((r: { labelCode: string }) => r.labelCode)).toContain(m.label_code);
  });
});
