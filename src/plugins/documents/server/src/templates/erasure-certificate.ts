import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

const html = `${LETTERHEAD}
<h1>Attestation d'effacement des données</h1>
<p>{{workshop.name}}, atelier de reconditionnement informatique{{#if workshop.commune}} situé à {{workshop.commune}}{{/if}}, atteste que
les supports de stockage de l'unité décrite ci-dessous ont été effacés selon la méthode indiquée, avant toute réutilisation,
conformément à ses engagements de traçabilité et d'effacement certifié (label Ordi 2.0).</p>

<h2>Unité</h2>
<table class="kv">
  <tr><th>Étiquette de l'atelier</th><td>{{machine.labelCode}}</td></tr>
  <tr><th>Type</th><td>{{enumLabel machine.type}}</td></tr>
  <tr><th>Marque et modèle</th><td>{{machine.brand}} {{machine.model}}</td></tr>
  <tr><th>N° de série</th><td>{{machine.serialNumber}}</td></tr>
  <tr><th>N° d'inventaire du donateur</th><td>{{machine.assetTag}}</td></tr>
  <tr><th>Donateur</th><td>{{donor.name}}</td></tr>
  <tr><th>Lot</th><td>{{donation.reference}}{{#if donation.collectedAt}}, collecté le {{formatDate donation.collectedAt}}{{/if}}</td></tr>
</table>

<h2>Supports de stockage et effacement</h2>
<table>
  <tr><th>Interface</th><th>Capacité</th><th>N° de série du support</th><th>Méthode et outil</th><th>Date</th><th>Résultat</th></tr>
  {{#each devices}}
  <tr>
    <td>{{enumLabel interface}}</td><td>{{#if capacityGb}}{{formatNumber capacityGb}} Go{{/if}}</td><td>{{label}}</td>
    {{#if removal}}<td>Retiré de l'unité{{#if removal.destination}} ({{removal.destination}}){{/if}} : {{removal.reason}}</td><td>{{formatDate removal.at}}</td><td>{{outcomeLabel}}, par {{removal.by}}</td>
    {{else}}{{#if erasure}}<td>{{erasure.method}}{{#if erasure.tool}} ({{erasure.tool}}){{/if}}</td><td>{{formatDate erasure.performedAt}}</td><td>{{erasure.resultLabel}}</td>
    {{else}}<td colspan="3" class="muted">Aucun effacement enregistré</td>{{/if}}{{/if}}
  </tr>
  {{else}}
  <tr><td colspan="6" class="muted">{{#if storage.attestation}}Aucun support de stockage constaté à l'établi, le {{formatDate storage.attestation.at}}, par {{storage.attestation.by}}.{{else}}{{#if storage.exemptRule}}Unité sans support de stockage : {{storage.exemptRule}}{{else}}Aucun support de stockage enregistré et aucune attestation : attestation impossible.{{/if}}{{/if}}</td></tr>
  {{/each}}
</table>

<p>Fait à {{workshop.commune}}, le {{formatDate document.issuedAt}}.</p>
<div class="signatures"><div>{{workshop.signatoryName}}<br><span class="muted">{{workshop.signatoryRole}}</span></div><div></div></div>
${VERIFY_FOOTER}`;

export const erasureCertificate: DefaultTemplate = {
  key: 'erasure-certificate',
  kind: 'erasure-certificate',
  name: "Attestation d'effacement (une unité)",
  version: 2,
  html,
  css: BASE_CSS,
};
