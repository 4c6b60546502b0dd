import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

/** The pages' public URLs (unchanged since they were a plugin of their own, « portail »). */
export const pages = ['/portail', '/portail/', '/portail/invitation', '/portail/reinitialisation', '/portail/assets/portail.js', '/portail/assets/portail.css'];

const SHELL = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Portail — Seconde Vie</title>
<link rel="stylesheet" href="/portail/assets/portail.css">
</head>
<body>
<a class="skip" href="#main">Aller au contenu</a>
<header class="top"><div class="wrap"><span class="brand">Seconde Vie · portail</span><span id="who"></span><button id="logout" type="button" hidden>Se déconnecter</button></div></header>
<main id="main" class="wrap" tabindex="-1">
<noscript><p>Le portail a besoin de JavaScript. Activez-le, ou appelez l'atelier.</p></noscript>
<div id="app"></div>
</main>
<div id="status" class="sr-only" role="status" aria-live="polite"></div>
<script src="/portail/assets/portail.js"></script>
</body>
</html>`;

/**
 * The folder of the script and the style sheet: real files next to this one in the sources. The
 * server build (tsc) copies no .js or .css file into dist/, so they are read from the sources,
 * which every install has (the app is built where it runs). Read once, at start-up.
 */
export function assetsDir(appRoot: string): string {
  return path.join(appRoot, 'src', 'plugins', 'portal', 'server', 'src', 'pages');
}

/** The portal's pages: one shell, its script and its style sheet, no cookie, nothing personal. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const dir = assetsDir(strapi.dirs.app.root);
  const script = fs.readFileSync(path.join(dir, 'portal.js'), 'utf8');
  const styles = fs.readFileSync(path.join(dir, 'portal.css'), 'utf8');
  return {
    serve(ctx: Context) {
      if (ctx.path === '/portail') return ctx.redirect('/portail/');
      ctx.set('Cache-Control', 'no-cache');
      ctx.set('X-Content-Type-Options', 'nosniff');
      if (ctx.path.endsWith('.js')) {
        ctx.type = 'application/javascript; charset=utf-8';
        ctx.body = script;
      } else if (ctx.path.endsWith('.css')) {
        ctx.type = 'text/css; charset=utf-8';
        ctx.body = styles;
      } else {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = SHELL;
      }
    },
  };
};
