import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

/**
 * « Bordereau de transfert »: goes with the units and parts one workshop of the network gives
 * another (docs/network.md, « Transferts »). Issued in the sending workshop's name once the
 * transfer is accepted; signed on both sides at the handover.
 */
const html = `${LETTERHEAD}
<h1>Bordereau de transfert entre ateliers</h1>
<p>Transfert n° <strong>{{transfer.number}}</strong> — état : <strong>{{transfer.stateLabel}}</strong>.
{{from.name}} cède à {{to.name}} le matériel ci-dessous, au sein du réseau Seconde Vie. Chaque unité garde son
code d'étiquette et son historique ; elle devient celle de l'atelier destinataire à la réception.</p>

<div class="parties">
  <div><strong>Atelier expéditeur</strong><br>{{from.name}}{{#if from.address}}<br>{{from.address}}{{/if}}<br>{{from.postalCode}} {{from.commune}}</div>
  <div><strong>Atelier destinataire</strong><br>{{to.name}}{{#if to.address}}<br>{{to.address}}{{/if}}<br>{{to.postalCode}} {{to.commune}}</div>
</div>

<h2>Étapes</h2>
<table>
  <tr><th>Étape</th><th>Date</th><th>Par</th></tr>
  {{#each steps}}<tr><td>{{label}}</td><td>{{#if at}}{{formatDateTime at}}{{else}}<span class="muted">—</span>{{/if}}</td><td>{{by}}</td></tr>{{/each}}
</table>

<h2>Unités ({{formatNumber totals.machines}})</h2>
<table>
  <tr><th>N°</th><th>Étiquette</th><th>Type</th><th>Marque et modèle</th><th>N° de série</th><th>Effacement des données</th></tr>
  {{#each machines}}
  <tr><td>{{position}}</td><td>{{labelCode}}</td><td>{{enumLabel type}}</td><td>{{brand}} {{model}}</td><td>{{serialNumber}}</td><td>{{erasure.label}}</td></tr>
  {{else}}
  <tr><td colspan="6" class="muted">Aucune unité dans ce transfert.</td></tr>
  {{/each}}
</table>

<h2>Pièces</h2>
<table>
  <tr><th>Désignation</th><th>Catégorie</th><th>Quantité</th></tr>
  {{#each parts}}
  <tr><td>{{default description (enumLabel category)}}</td><td>{{enumLabel category}}</td><td>{{formatNumber quantity}}</td></tr>
  {{else}}
  <tr><td colspan="3" class="muted">Aucune pièce dans ce transfert.</td></tr>
  {{/each}}
</table>

<h2>Totaux</h2>
<table class="kv">
  <tr><th>Unités</th><td>{{formatNumber totals.machines}}, dont {{formatNumber totals.certified}} avec une attestation d'effacement</td></tr>
  <tr><th>Pièces</th><td>{{formatNumber totals.parts}} ({{formatNumber totals.partLines}} ligne(s))</td></tr>
</table>
{{#if transfer.notes}}<p><strong>Notes :</strong> {{transfer.notes}}</p>{{/if}}

<div class="signatures">
  <div>Remis par (atelier expéditeur)<br>{{from.name}}<br>Nom, date et signature :</div>
  <div>Reçu par (atelier destinataire)<br>{{to.name}}<br>Nom, date et signature :</div>
</div>
${VERIFY_FOOTER}`;

export const transferSlip: DefaultTemplate = {
  key: 'transfer-slip',
  kind: 'transfer-slip',
  name: 'Bordereau de transfert entre ateliers',
  version: 1,
  html,
  css: BASE_CSS,
};
