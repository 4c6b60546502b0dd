import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

const html = `${LETTERHEAD}
<h1>Rapport de traçabilité</h1>
<p>Lot <strong>{{donation.reference}}</strong> remis par <strong>{{donor.name}}</strong>{{#if donation.collectedAt}}, collecté le
{{formatDate donation.collectedAt}}{{/if}}{{#if donation.collectionSite}} ({{donation.collectionSite}}){{/if}}{{#if convention.number}},
au titre de la convention n° {{convention.number}}{{/if}}.</p>

<h2>Synthèse</h2>
<table class="kv">
  <tr><th>Unités annoncées</th><td>{{formatNumber donation.announcedCount}}</td></tr>
  <tr><th>Unités reçues et enregistrées</th><td>{{formatNumber counts.received}}</td></tr>
  <tr><th>Remises à des foyers</th><td>{{formatNumber counts.handedOver}}</td></tr>
  <tr><th>Non réutilisables (pièces détachées ou filière DEEE)</th><td>{{formatNumber counts.notReusable}}</td></tr>
  <tr><th>En cours de reconditionnement</th><td>{{formatNumber counts.inProgress}}</td></tr>
  <tr><th>Supports de stockage effacés</th><td>{{formatNumber erasure.erased}} sur {{formatNumber erasure.devices}}</td></tr>
</table>

<h2>Remises par commune</h2>
<table>
  <tr><th>Commune</th><th>Unités remises</th></tr>
  {{#each byCommune}}<tr><td>{{commune}}</td><td>{{formatNumber count}}</td></tr>{{else}}<tr><td colspan="2" class="muted">Aucune remise à ce jour.</td></tr>{{/each}}
</table>
<p class="muted">Les foyers ne sont jamais nommés : seules leurs communes sont indiquées.</p>

<h2>Détail par unité</h2>
<table>
  <tr><th>Étiquette</th><th>N° d'inventaire</th><th>N° de série</th><th>Type</th><th>Devenir</th></tr>
  {{#each machines}}<tr><td>{{labelCode}}</td><td>{{assetTag}}</td><td>{{serialNumber}}</td><td>{{enumLabel type}}</td><td>{{outcome}}</td></tr>{{/each}}
</table>
${VERIFY_FOOTER}`;

export const traceabilityReport: DefaultTemplate = {
  key: 'traceability-report',
  kind: 'traceability-report',
  name: 'Rapport de traçabilité (lot)',
  version: 1,
  html,
  css: BASE_CSS,
};
