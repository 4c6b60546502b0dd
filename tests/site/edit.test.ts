import { staffToken } from '../helpers/admin';
import { startApp, type TestApp } from '../helpers/app';

let app: TestApp;
const CM = '/content-manager/collection-types/plugin::site.page';

beforeAll(async () => {
  app = await startApp('base');
});

afterAll(async () => {
  await app?.stop();
});

describe('pages staff edit in the admin', () => {
  it('installs the default pages and settings at first boot', async () => {
    const { rows } = await app.sql.query('SELECT slug FROM site_pages ORDER BY "order"');
    expect(rows.map((r: { slug: string }) => r.slug)).toEqual([
      'accueil', 'pourquoi-donner', 'garanties', 'donner', 'faq', 'partenaires', 'contact', 'mentions-legales', 'devenir-benevole',
    ]);
    const { rows: settings } = await app.sql.query('SELECT site_name FROM site_settings');
    expect(settings).toEqual([{ site_name: 'Seconde Vie' }]);
  });

  it('shows on the public home page the text a coordinator edits through the content manager, escaped', async () => {
    const token = await staffToken(app, 'seconde-vie-coordination', 'coordination-site@seconde-vie.test');
    const auth = { Authorization: `Bearer ${token}` };
    const list = await app.http().get(`${CM}?filters[slug][$eq]=accueil`).set(auth);
    expect(list.status).toBe(200);
    const home = list.body.results[0] as { documentId: string; title: string };
    const body = '## Portes ouvertes\n\nL’atelier ouvre ses portes le **samedi 6 octobre**. <script>alert(1)</script>\n\n- [Nous écrire](mailto:atelier@seconde-vie.test)\n- [piège](javascript:alert(2))';
    const res = await app.http().put(`${CM}/${home.documentId}`).set(auth).send({ title: 'Bienvenue à l’atelier', body });
    expect(res.status).toBe(200);

    const page = await app.http().get('/');
    expect(page.text).toContain('<h1>Bienvenue à l’atelier</h1>');
    expect(page.text).toContain('<h2>Portes ouvertes</h2>');
    expect(page.text).toContain('le <strong>samedi 6 octobre</strong>. &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).toContain('<a href="mailto:atelier@seconde-vie.test">Nous écrire</a>');
    expect(page.text).not.toContain('javascript:');
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('<title>Seconde Vie — Bienvenue à l’atelier</title>');

    // A later boot installs defaults again: what staff edited stays.
    await app.strapi.plugin('site').service('content').installDefaults();
    expect((await app.http().get('/')).text).toContain('<h2>Portes ouvertes</h2>');
    const { rows } = await app.sql.query("SELECT COUNT(*)::int AS n FROM site_pages WHERE slug = 'accueil'");
    expect(rows[0].n).toBe(1);
  });

  it('takes an unpublished page off the site and the sitemap, and settings change every page', async () => {
    await app.sql.query("UPDATE site_pages SET published = false WHERE slug = 'faq'");
    expect((await app.http().get('/faq')).status).toBe(404);
    expect((await app.http().get('/sitemap.xml')).text).not.toContain('/faq<');
    await app.sql.query("UPDATE site_settings SET site_name = 'Recycl’ordi Brest', phone = '02 98 00 11 22'");
    const page = await app.http().get('/garanties');
    expect(page.text).toContain('<title>Nos garanties : traçabilité et effacement certifié — Recycl’ordi Brest</title>');
    expect(page.text).toContain('<a href="tel:0298001122">02 98 00 11 22</a>');
    expect(page.text).not.toContain('href="/faq"');
  });

  it('lists on the partners page only the donors who consented, with their logo', async () => {
    const logo = await app.strapi.db.query('plugin::upload.file').create({
      data: { name: 'caf.png', hash: 'caf_logo', ext: '.png', mime: 'image/png', size: 1, url: '/uploads/caf_logo.png', provider: 'local' },
    });
    await app.strapi.documents('api::donor.donor').create({ data: { name: 'CAF du Finistère', kind: 'public_administration', relationship: 'partner', publicListingConsent: true, ordiLabelDate: '2012-04-12', logo: logo.id } as never });
    await app.strapi.documents('api::donor.donor').create({ data: { name: 'Discrète SA', kind: 'company', relationship: 'partner', publicListingConsent: false } as never });
    const page = await app.http().get('/partenaires');
    expect(page.text).toContain('CAF du Finistère');
    expect(page.text).toContain('Donateur labellisé Ordi 2.0');
    expect(page.text).toContain('<img src="/uploads/caf_logo.png" alt="" width="160" height="64"><span>CAF du Finistère</span>');
    expect(page.text).not.toContain('Discrète SA');
  });
});
