import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { DEFAULT_CHROME, type Chrome } from '../../../../../shared/server/public-page';
import { UID } from '../utils';

export interface SitePage {
  slug: string;
  title: string;
  metaDescription: string;
  navLabel: string | null;
  body: string;
  order: number;
  published: boolean;
}

/** The fixed public routes and the page slug each shows. */
export const ROUTES: Record<string, string> = {
  '/': 'accueil',
  '/pourquoi-donner': 'pourquoi-donner',
  '/garanties': 'garanties',
  '/donner': 'donner',
  '/devenir-benevole': 'devenir-benevole',
  '/faq': 'faq',
  '/partenaires': 'partenaires',
  '/contact': 'contact',
  '/mentions-legales': 'mentions-legales',
};
export const pathOf = (slug: string): string => Object.entries(ROUTES).find(([, s]) => s === slug)?.[0] ?? `/${slug}`;

/** Parses a default page file: a `---` header of `key: value` lines, then the Markdown body. */
export function parseDefault(slug: string, text: string): SitePage {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text.replace(/\r\n?/g, '\n'));
  if (!match) throw new Error(`site: default page ${slug} has no header`);
  const header = Object.fromEntries(
    match[1].split('\n').map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
  return {
    slug,
    title: header.title,
    metaDescription: header.description,
    navLabel: header.nav || null,
    order: Number(header.order ?? 0),
    body: match[2].trim(),
    published: true,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The default page files shipped with the plugin (source folder, not compiled). */
  defaultsDir(): string {
    return path.join(strapi.dirs.app.root, 'src', 'plugins', 'site', 'server', 'defaults');
  },

  /** Creates the pages and settings that do not exist yet; never touches what staff edited. */
  async installDefaults(): Promise<void> {
    const dir = this.defaultsDir();
    const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.md'));
    for (const file of files) {
      const slug = file.replace(/\.md$/, '');
      const exists = await strapi.db.query(UID.page).count({ where: { slug } });
      if (exists) continue;
      const page = parseDefault(slug, await fs.readFile(path.join(dir, file), 'utf8'));
      await strapi.documents(UID.page).create({ data: page as never });
    }
    const settings = await strapi.documents(UID.settings).findFirst();
    if (!settings) {
      const raw = JSON.parse(await fs.readFile(path.join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
      await strapi.documents(UID.settings).create({ data: raw as never });
    }
  },

  async page(slug: string): Promise<SitePage | null> {
    const page = (await strapi.db.query(UID.page).findOne({ where: { slug, published: true } })) as SitePage | null;
    return page;
  },

  async publishedPages(): Promise<SitePage[]> {
    return (await strapi.db.query(UID.page).findMany({ where: { published: true }, orderBy: { order: 'asc' } })) as SitePage[];
  },

  /** Header, navigation and footer, from the settings and the published pages. */
  async chrome(): Promise<Chrome> {
    const settings = (await strapi.db.query(UID.settings).findOne({})) as Partial<Chrome> & { showImpact?: boolean } | null;
    const pages = await this.publishedPages();
    const nav = pages.filter((p) => p.navLabel && Object.values(ROUTES).includes(p.slug)).map((p) => ({ href: pathOf(p.slug), label: p.navLabel as string }));
    return {
      siteName: settings?.siteName || DEFAULT_CHROME.siteName,
      tagline: settings?.tagline || '',
      contactEmail: settings?.contactEmail || DEFAULT_CHROME.contactEmail,
      phone: settings?.phone || '',
      address: settings?.address || '',
      footerNote: settings?.footerNote || '',
      nav: nav.length ? nav : DEFAULT_CHROME.nav,
    };
  },

  async showImpact(): Promise<boolean> {
    const settings = (await strapi.db.query(UID.settings).findOne({})) as { showImpact?: boolean } | null;
    return settings?.showImpact !== false;
  },

  /** Donors who agreed to be listed, with their logo when they have one. */
  async partners(): Promise<Array<{ name: string; logo: string | null; labelled: boolean }>> {
    const donors = (await strapi.db.query('api::donor.donor').findMany({
      where: { publicListingConsent: true },
      orderBy: { name: 'asc' },
      populate: { logo: true },
    })) as Array<{ name: string; ordiLabelDate: string | null; logo?: { url: string } | null }>;
    return donors.map((d) => ({ name: d.name, logo: d.logo?.url ?? null, labelled: Boolean(d.ordiLabelDate) }));
  },
});
