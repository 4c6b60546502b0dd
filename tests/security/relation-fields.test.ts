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
