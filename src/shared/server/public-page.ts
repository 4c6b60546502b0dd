/**
 * The look every public page shares (the site plugin's pages and the documents plugin's /verify
 * page, hence in the kernel): skip link, header with the navigation, <main>, footer. Styles come
 * from /site.css, a static file, so the pages' Content-Security-Policy allows no inline style or
 * script at all.
 */
import { escapeHtml } from './escape';

export interface NavItem {
  href: string;
  label: string;
}

export interface Chrome {
  siteName: string;
  tagline: string;
  contactEmail: string;
  phone: string;
  address: string;
  footerNote: string;
  nav: NavItem[];
}

export interface PageMeta {
  title: string;
  description: string;
  /** Path of this page, for the canonical link, Open Graph and aria-current. */
  path: string;
  /** Absolute origin (https://…) for canonical and Open Graph URLs; empty to leave them relative. */
  origin?: string;
  noindex?: boolean;
}

export const STYLESHEET_PATH = '/site.css';

/** What the public pages need from the browser, and nothing more. */
export const PUBLIC_PAGE_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const DEFAULT_NAV: NavItem[] = [
  { href: '/', label: 'Accueil' },
  { href: '/pourquoi-donner', label: 'Pourquoi donner' },
  { href: '/garanties', label: 'Garanties' },
  { href: '/donner', label: 'Proposer un don' },
  { href: '/devenir-benevole', label: 'Devenir bénévole' },
  { href: '/faq', label: 'Questions' },
  { href: '/partenaires', label: 'Partenaires' },
  { href: '/contact', label: 'Contact' },
];

export const DEFAULT_CHROME: Chrome = {
  siteName: 'Seconde Vie',
  tagline: 'Atelier de reconditionnement informatique solidaire du Pays de Brest',
  contactEmail: 'atelier@seconde-vie.test',
  phone: '',
  address: '',
  footerNote: '',
  nav: DEFAULT_NAV,
};

export function renderLayout(meta: PageMeta, main: string, chrome: Chrome = DEFAULT_CHROME): string {
  const e = escapeHtml;
  const fullTitle = meta.path === '/' ? `${chrome.siteName} — ${meta.title}` : `${meta.title} — ${chrome.siteName}`;
  const url = `${meta.origin ?? ''}${meta.path}`;
  const nav = chrome.nav
    .map((item) => `<li><a href="${e(item.href)}"${item.href === meta.path ? ' aria-current="page"' : ''}>${e(item.label)}</a></li>`)
    .join('');
  const contact = [
    chrome.address ? `<p>${e(chrome.address).replace(/\n/g, '<br>')}</p>` : '',
    `<p><a href="mailto:${e(chrome.contactEmail)}">${e(chrome.contactEmail)}</a>${chrome.phone ? ` · <a href="tel:${e(chrome.phone.replace(/[^0-9+]/g, ''))}">${e(chrome.phone)}</a>` : ''}</p>`,
  ].join('');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(fullTitle)}</title>
<meta name="description" content="${e(meta.description)}">
${meta.noindex ? '<meta name="robots" content="noindex">' : `<link rel="canonical" href="${e(url)}">`}
<meta property="og:type" content="website">
<meta property="og:locale" content="fr_FR">
<meta property="og:site_name" content="${e(chrome.siteName)}">
<meta property="og:title" content="${e(meta.title)}">
<meta property="og:description" content="${e(meta.description)}">
<meta property="og:url" content="${e(url)}">
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site-header">
<div class="wrap">
<p class="brand"><a href="/">${e(chrome.siteName)}</a><span class="tagline">${e(chrome.tagline)}</span></p>
<nav aria-label="Navigation principale"><ul>${nav}</ul></nav>
</div>
</header>
<main id="contenu" tabindex="-1">
<div class="wrap">
${main}
</div>
</main>
<footer class="site-footer">
<div class="wrap">
<p class="brand-small">${e(chrome.siteName)}</p>
${contact}
${chrome.footerNote ? `<p>${e(chrome.footerNote)}</p>` : ''}
<ul class="footer-links"><li><a href="/mentions-legales">Mentions légales</a></li><li><a href="/contact">Contact</a></li><li><a href="/sitemap.xml">Plan du site</a></li></ul>
</div>
</footer>
</body>
</html>`;
}

export const STYLESHEET = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;line-height:1.6;color:#1d2327;background:#fff}
.wrap{max-width:62rem;margin:0 auto;padding:0 1rem}
a{color:#0a4f8a;text-underline-offset:.15em}
a:hover{color:#062f53}
:focus-visible{outline:3px solid #b3470b;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-4rem;background:#12355b;color:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{top:.5rem;color:#fff}
.site-header{background:#12355b;color:#fff;padding:.75rem 0}
.site-header a{color:#fff}
.brand{margin:0 0 .5rem;font-size:1.35rem;font-weight:700}
.brand a{text-decoration:none}
.tagline{display:block;font-size:.9rem;font-weight:400;color:#e3ecf5}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .5rem}
nav a{display:inline-block;padding:.35rem .5rem;min-height:44px;line-height:1.9;text-decoration:none;border-bottom:3px solid transparent}
nav a:hover,nav a[aria-current="page"]{border-bottom-color:#f2c14e}
main{display:block;padding:1.5rem 0 2.5rem}
main:focus{outline:none}
h1{font-size:1.8rem;line-height:1.25;color:#12355b;margin:.5rem 0 1rem}
h2{font-size:1.35rem;color:#12355b;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.15rem}
.cta{display:inline-block;background:#0a5a2e;color:#fff;padding:.7rem 1.2rem;border-radius:4px;text-decoration:none;font-weight:600;margin:.5rem 0}
.cta:hover{background:#063d1f;color:#fff}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem;list-style:none;padding:0;margin:1rem 0}
.figures li{border:1px solid #c8d2dc;border-radius:6px;padding:.75rem;background:#f5f8fb}
.figures strong{display:block;font-size:1.6rem;color:#12355b;line-height:1.2}
.table-scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.95rem}
th,td{border:1px solid #c8d2dc;padding:.4rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
thead th{background:#eef2f6}
caption{text-align:left;font-weight:600;padding:.25rem 0}
.note{font-size:.9rem;color:#4a5560}
.partners{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:1rem;list-style:none;padding:0}
.partners li{border:1px solid #c8d2dc;border-radius:6px;padding:1rem;text-align:center}
.partners img{max-width:100%;height:4rem;object-fit:contain;display:block;margin:0 auto .5rem}
form.offer{max-width:40rem}
.field{margin:0 0 1.1rem}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.hint{display:block;font-size:.9rem;color:#4a5560}
input,select,textarea{font:inherit;width:100%;padding:.55rem;border:1px solid #5b6770;border-radius:4px;background:#fff;color:#1d2327}
textarea{min-height:8rem}
[aria-invalid="true"]{border:2px solid #b32d2e}
.error{color:#a4262c;font-weight:600;margin:.25rem 0 0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
fieldset.choices{border:0;padding:0;margin:0 0 1.1rem}
fieldset.choices legend{font-weight:600;margin-bottom:.25rem}
.field label.choice,label.choice{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.3rem 0}
label.choice input{width:auto;margin-top:.3rem}
button{font:inherit;background:#0a5a2e;color:#fff;border:0;border-radius:4px;padding:.7rem 1.2rem;font-weight:600;cursor:pointer;min-height:44px}
button:hover{background:#063d1f}
.alert{border-left:4px solid #b32d2e;background:#fbeeee;padding:.75rem 1rem;margin:1rem 0}
.alert ul{margin:.25rem 0 0}
.ok{border-left:4px solid #1a7f37;padding:.5rem 1rem;background:#eef8f0}
.ko{border-left:4px solid #b32d2e;padding:.5rem 1rem;background:#fbeeee}
dt{font-weight:600;margin-top:.6rem}
dd{margin:0}
code{word-break:break-all}
.verify-form{margin-top:1.5rem;padding:1rem;border:1px solid #c8d2dc}
.site-footer{background:#eef2f6;border-top:1px solid #c8d2dc;padding:1.25rem 0;font-size:.95rem}
.brand-small{font-weight:700;margin:0}
.footer-links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}
.footer-links a{display:inline-block;min-height:24px}
@media (min-width:48rem){.site-header .wrap{display:flex;align-items:center;justify-content:space-between;gap:1rem}.brand{margin:0}h1{font-size:2.1rem}}
@media print{.site-header nav,.skip,.site-footer .footer-links,form,.cta{display:none}.site-header{background:none;color:#000;border-bottom:1px solid #000}.site-header a,.tagline{color:#000}body{font-size:11pt;color:#000}a{color:#000}main a[href^="http"]::after{content:" (" attr(href) ")"}.figures li{border-color:#000;background:none}}
`;
