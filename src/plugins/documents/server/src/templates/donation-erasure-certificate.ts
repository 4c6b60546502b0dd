import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

/** The shared pieces, read from inside `{{#each units}}`: workshop and document are one level up. */
const toParent = (piece: string) => piece.replace(/\{\{(#if |formatDate |qr )?(workshop|document)\./g, '{{$1../$2.');

/** One PDF for a whole donation: one page per unit, under one verifiable number. */
const html = `{{#each units}}
<section class="unit">
${toParent(LETTERHEAD)}
<h1>Attestation d'effacement des données</h1>
<p class="muted">Unité {{position}} sur {{../count}} — lot {{../donation.reference}} remis par {{../donor.name}}</p>
<p>{{../workshop.name}} atteste que les supports de stockage de l'unité décrite ci-dessous ont été effacés selon la méthode
indiquée, avant toute réutilisation, conformément à ses engagements de traçabilité et d'effacement certifié.</p>
<table class="kv">
  <tr><th>Étiquette de l'atelier</th><td>{{machine.labelCode}}</td></tr>
  <tr><th>Type, marque et modèle</th><td>{{enumLabel machine.type}} — {{machine.brand}} {{machine.model}}</td></tr>
  <tr><th>N° de série</th><td>{{machine.serialNumber}}</td></tr>
  <tr><th>N° d'inventaire du donateur</th><td>{{machine.assetTag}}</td></tr>
</table>
<table>
  <tr><th>Interface</th><th>N° de série du support</th><th>Méthode et outil</th><th>Date</th><th>Résultat</th></tr>
  {{#each devices}}
  <tr><td>{{enumLabel interface}}</td><td>{{label}}</td>
  {{#if removal}}<td>Retiré de l'unité{{#if removal.destination}} ({{removal.destination}}){{/if}} : {{removal.reason}}</td><td>{{formatDate removal.at}}</td><td>{{outcomeLabel}}, par {{removal.by}}</td>
  {{else}}{{#if erasure}}<td>{{erasure.method}}{{#if erasure.tool}} ({{erasure.tool}}){{/if}}</td><td>{{formatDate erasure.performedAt}}</td><td>{{erasure.resultLabel}}</td>{{else}}<td colspan="3" class="muted">Aucun effacement enregistré</td>{{/if}}{{/if}}</tr>
  {{else}}
  <tr><td colspan="5" class="muted">{{#if storage.attestation}}Aucun support de stockage constaté à l'établi, le {{formatDate storage.attestation.at}}, par {{storage.attestation.by}}.{{else}}{{#if storage.exemptRule}}Unité sans support de stockage : {{storage.exemptRule}}{{else}}Aucun support de stockage enregistré et aucune attestation.{{/if}}{{/if}}</td></tr>
  {{/each}}
</table>
<div class="signatures"><div>{{../workshop.signatoryName}}<br><span class="muted">{{../workshop.signatoryRole}}</span></div><div></div></div>
${toParent(VERIFY_FOOTER)}
</section>
{{/each}}`;

export const donationErasureCertificate: DefaultTemplate = {
  key: 'donation-erasure-certificate',
  kind: 'donation-erasure-certificate',
  name: "Attestations d'effacement (lot entier, une page par unité)",
  version: 2,
  html,
  css: `${BASE_CSS}\n.unit { page-break-after: always; }\n.unit:last-child { page-break-after: auto; }\n.verify { margin-top: 6mm; }`,
};
