import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { renderLayout, PUBLIC_PAGE_POLICY, STYLESHEET } from '../../../../../shared/server/public-page';
import { HONEYPOT, isSameOrigin, MAX_BODY_BYTES, OFFER_MESSAGES, readOffer, validateOffer, type OfferErrors, type OfferValues } from '../domain/offer';
import { contentSection, impactSection, offerForm, offerThanks, partnersSection } from '../domain/pages';
import { HOME_ROUTE } from '../register';
import { pathOf, ROUTES } from '../services/content';
import { publicUrl } from '../../../../../shared/server/public-url';
import { getService, siteConfig } from '../utils';
import { readVolunteerOffer, validateVolunteerOffer, VOLUNTEER_MESSAGES, type VolunteerErrors, type VolunteerOfferValues } from '../domain/volunteer-offer';
import { volunteerForm, volunteerThanks } from '../domain/volunteer-form';
import { networkPage, workshopPage, workshopPath } from '../domain/network-pages';

// Canonical links, Open Graph and the sitemap name the public address (src/shared/server/public-url.ts),
// never the request's Host header, which its sender chooses.

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const content = () => getService(strapi, 'content');

  function send(ctx: Context, status: number, html: string, cache = 'public, max-age=60') {
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', PUBLIC_PAGE_POLICY);
    ctx.set('Cache-Control', cache);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    ctx.body = html;
  }

  async function renderPage(ctx: Context, path: string, extra: { before?: string; after?: string; replaceBody?: string } = {}) {
    const slug = ROUTES[path];
    const page = slug ? await content().page(slug) : null;
    const chrome = await content().chrome();
    if (!page) {
      return renderLayout({ title: 'Page introuvable', description: 'Cette page n’existe pas.', path, origin: publicUrl(strapi), noindex: true }, '<h1>Page introuvable</h1><p><a href="/">Retour à l’accueil</a></p>', chrome);
    }
    const main = extra.replaceBody ?? `${extra.before ?? ''}${contentSection(page)}${extra.after ?? ''}`;
    return renderLayout({ title: page.title, description: page.metaDescription, path, origin: publicUrl(strapi) }, main, chrome);
  }

  async function renderOffer(ctx: Context, status: number, values: Partial<OfferValues>, errors: OfferErrors, general?: string) {
    send(ctx, status, await renderPage(ctx, '/donner', { after: offerForm(values, errors, general) }), 'no-store');
  }

  /**
   * What both public forms check before reading anything: the post comes from our own pages
   * (CSRF), and this IP is within the quota the two forms share. A refusal is rendered here.
   */
  async function admitted(ctx: Context, refuse: (status: number, general: string) => Promise<void>): Promise<boolean> {
    if (!isSameOrigin(ctx.headers as Record<string, string>, ctx.origin)) {
      await refuse(403, OFFER_MESSAGES.crossSite);
      return false;
    }
    if (!(await getService(strapi, 'offers').allow(ctx.request.ip))) {
      ctx.set('Retry-After', String(siteConfig(strapi).offerWindowMinutes * 60));
      await refuse(429, OFFER_MESSAGES.rateLimited);
      return false;
    }
    return true;
  }

  /** The honeypot, hidden from people, is filled: a robot, answered as if all went well. */
  const isRobot = (body: unknown) => {
    const honeypot = (body as Record<string, unknown> | undefined)?.[HONEYPOT];
    return typeof honeypot === 'string' && honeypot.trim() !== '';
  };

  async function renderVolunteer(ctx: Context, status: number, values: Partial<VolunteerOfferValues>, errors: VolunteerErrors, general?: string) {
    const catalogue = await getService(strapi, 'volunteers').catalogue();
    send(ctx, status, await renderPage(ctx, '/devenir-benevole', { after: volunteerForm(catalogue, values, errors, general) }), 'no-store');
  }

  return {
    /** GET on one of the fixed public routes. */
    async show(ctx: Context) {
      const requested = ctx.path.replace(/\/$/, '') || '/';
      const path = requested === HOME_ROUTE ? '/' : requested;
      const slug = ROUTES[path];
      if (!slug || !(await content().page(slug))) {
        send(ctx, 404, await renderPage(ctx, path), 'no-store');
        return;
      }
      let after = '';
      if (path === '/' && (await content().showImpact())) {
        after = impactSection(await getService(strapi, 'impact').get());
        if ((await getService(strapi, 'network').workshops()).length > 1) after += '<p><a href="/reseau">Le réseau des ateliers et l’impact de chacun</a></p>';
      }
      if (path === '/donner') after = offerForm();
      if (path === '/devenir-benevole') after = volunteerForm(await getService(strapi, 'volunteers').catalogue());
      if (path === '/partenaires') after = partnersSection(await content().partners());
      send(ctx, 200, await renderPage(ctx, path, { after }));
    },

    /** POST /donner: the donation offer. */
    async offer(ctx: Context) {
      if (!(await admitted(ctx, (status, general) => renderOffer(ctx, status, {}, {}, general)))) return;
      const body = (ctx.request as unknown as { body?: unknown }).body;
      const values = readOffer(body);
      const declared = Number(ctx.get('content-length') || 0);
      const textBytes = Object.values(values).reduce((n, v) => n + Buffer.byteLength(v), 0);
      if (declared > MAX_BODY_BYTES || textBytes > MAX_BODY_BYTES) {
        await renderOffer(ctx, 413, { ...values, message: '' }, { message: OFFER_MESSAGES.messageTooLong }, OFFER_MESSAGES.tooLarge);
        return;
      }
      if (isRobot(body)) {
        send(ctx, 200, await renderPage(ctx, '/donner', { replaceBody: offerThanks(values.organisation) }), 'no-store');
        return;
      }
      const errors = validateOffer(values);
      if (Object.keys(errors).length) {
        await renderOffer(ctx, 400, values, errors);
        return;
      }
      try {
        await getService(strapi, 'offers').submit(values);
      } catch (error) {
        strapi.log.error(`site: proposition de don non enregistrée : ${String(error)}`);
        await renderOffer(ctx, 500, values, {}, OFFER_MESSAGES.failed);
        return;
      }
      send(ctx, 200, await renderPage(ctx, '/donner', { replaceBody: offerThanks(values.organisation) }), 'no-store');
    },

    /**
     * POST /devenir-benevole: a candidate volunteer. The same protections as the donation offer
     * (same origin, the per-IP quota it shares with that form, size limit, honeypot, French
     * messages per field); the answer never shows back what was typed once accepted.
     */
    async volunteer(ctx: Context) {
      if (!(await admitted(ctx, (status, general) => renderVolunteer(ctx, status, {}, {}, general)))) return;
      const body = (ctx.request as unknown as { body?: unknown }).body;
      const values = readVolunteerOffer(body);
      const declared = Number(ctx.get('content-length') || 0);
      const textBytes = [values.name, values.email, values.phone, values.postalCode, values.availability, values.wishes, ...values.skills].reduce((n, v) => n + Buffer.byteLength(v), 0);
      if (declared > MAX_BODY_BYTES || textBytes > MAX_BODY_BYTES) {
        await renderVolunteer(ctx, 413, { ...values, availability: '', wishes: '', skills: [] }, {}, VOLUNTEER_MESSAGES.tooLarge);
        return;
      }
      if (isRobot(body)) {
        send(ctx, 200, await renderPage(ctx, '/devenir-benevole', { replaceBody: volunteerThanks() }), 'no-store');
        return;
      }
      const catalogue = await getService(strapi, 'volunteers').catalogue();
      const errors = validateVolunteerOffer(values, catalogue);
      if (Object.keys(errors).length) {
        await renderVolunteer(ctx, 400, values, errors);
        return;
      }
      try {
        await getService(strapi, 'volunteers').submit(values, catalogue);
      } catch (error) {
        strapi.log.error(`site: candidature bénévole non enregistrée : ${String(error)}`);
        await renderVolunteer(ctx, 500, values, {}, VOLUNTEER_MESSAGES.failed);
        return;
      }
      send(ctx, 200, await renderPage(ctx, '/devenir-benevole', { replaceBody: volunteerThanks() }), 'no-store');
    },

    /** GET /reseau: the workshops of the network (public facts only) and the figures of each and of all. */
    async network(ctx: Context) {
      const workshops = await getService(strapi, 'network').workshops();
      const impact = await getService(strapi, 'impact').all();
      const empty = await getService(strapi, 'impact').ofWorkshop(-1);
      const main = networkPage(workshops, (w) => impact.workshops[w.id] ?? empty, impact.network);
      const description = 'Les ateliers du réseau, les codes postaux que chacun couvre et l’impact de chacun, en direct.';
      send(ctx, 200, renderLayout({ title: 'Le réseau des ateliers', description, path: '/reseau', origin: publicUrl(strapi) }, main, await content().chrome()));
    },

    /** GET /reseau/:code: one workshop's impact page; an unknown code is a French 404. */
    async workshop(ctx: Context) {
      const workshop = await getService(strapi, 'network').byCode(String(ctx.params.code ?? ''));
      const chrome = await content().chrome();
      if (!workshop) {
        send(ctx, 404, renderLayout({ title: 'Atelier introuvable', description: 'Cet atelier n’existe pas.', path: ctx.path, origin: publicUrl(strapi), noindex: true }, '<h1>Atelier introuvable</h1><p><a href="/reseau">Les ateliers du réseau</a></p>', chrome), 'no-store');
        return;
      }
      const impact = await getService(strapi, 'impact').ofWorkshop(workshop.id);
      const path = workshopPath(workshop) ?? '/reseau';
      const description = `L’atelier ${workshop.name} (${workshop.commune}) : les codes postaux qu’il couvre et son impact, en direct.`;
      send(ctx, 200, renderLayout({ title: workshop.name, description, path, origin: publicUrl(strapi) }, workshopPage(workshop, impact), chrome));
    },

    async stylesheet(ctx: Context) {
      ctx.type = 'text/css; charset=utf-8';
      ctx.set('Cache-Control', 'public, max-age=3600');
      ctx.body = STYLESHEET;
    },

    async sitemap(ctx: Context) {
      const base = publicUrl(strapi);
      const pages = await content().publishedPages();
      const urls = pages
        .filter((p) => Object.values(ROUTES).includes(p.slug))
        .map((p) => `<url><loc>${base}${pathOf(p.slug)}</loc><lastmod>${new Date((p as unknown as { updatedAt: string }).updatedAt).toISOString().slice(0, 10)}</lastmod></url>`)
        .join('');
      const network = (await getService(strapi, 'network').workshops())
        .map((w) => workshopPath(w))
        .filter((path): path is string => path !== null)
        .map((path) => `<url><loc>${base}${path}</loc></url>`)
        .join('');
      ctx.type = 'application/xml; charset=utf-8';
      ctx.set('Cache-Control', 'public, max-age=3600');
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}<url><loc>${base}/reseau</loc></url>${network}</urlset>\n`;
    },

    async robots(ctx: Context) {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `User-agent: *\nDisallow: /admin\nDisallow: /api\nDisallow: /portail\nDisallow: /verify\nSitemap: ${publicUrl(strapi)}/sitemap.xml\n`;
    },
  };
};
