import type { Context } from 'koa';
import { PORTAIL_CSS } from './assets/portail-css';
import { PORTAIL_JS } from './assets/portail-js';

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

/** The portal's pages: one shell, its script and its style sheet, no cookie, nothing personal. */
export default {
  serve(ctx: Context) {
    if (ctx.path === '/portail') return ctx.redirect('/portail/');
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('X-Content-Type-Options', 'nosniff');
    if (ctx.path.endsWith('.js')) {
      ctx.type = 'application/javascript; charset=utf-8';
      ctx.body = PORTAIL_JS;
    } else if (ctx.path.endsWith('.css')) {
      ctx.type = 'text/css; charset=utf-8';
      ctx.body = PORTAIL_CSS;
    } else {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = SHELL;
    }
  },
};
