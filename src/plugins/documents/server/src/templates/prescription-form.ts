import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

/** Filled from a prescription, or blank (`blank` true) to be filled by hand. */
const html = `${LETTERHEAD}
<h1>Fiche de prescription</h1>
<p>Fiche à remplir par la structure prescriptrice pour un foyer comptant au moins un enfant scolarisé au collège. Seules les
informations demandées ici sont nécessaires.</p>

<h2>Structure prescriptrice</h2>
<table class="kv">
  <tr><th>Structure</th><td>{{#if blank}}<div class="field"></div>{{else}}{{prescriber.name}} ({{enumLabel prescriber.kind}}){{/if}}</td></tr>
  <tr><th>Commune</th><td>{{#if blank}}<div class="field"></div>{{else}}{{prescriber.commune}}{{/if}}</td></tr>
  <tr><th>Référent(e) et téléphone</th><td>{{#if blank}}<div class="field"></div>{{else}}{{prescriber.contact.name}} {{prescriber.contact.phone}}{{/if}}</td></tr>
</table>

<h2>Foyer</h2>
<table class="kv">
  <tr><th>Nom de référence</th><td>{{#if blank}}<div class="field"></div>{{else}}{{household.referenceName}}{{/if}}</td></tr>
  <tr><th>Commune</th><td>{{#if blank}}<div class="field"></div>{{else}}{{household.commune}}{{/if}}</td></tr>
  <tr><th>Enfants scolarisés au collège</th><td>{{#if blank}}<div class="field"></div>{{else}}{{household.childrenInCollege}}{{/if}}</td></tr>
  <tr><th>Téléphone</th><td>{{#if blank}}<div class="field"></div>{{else}}{{household.phone}}{{/if}}</td></tr>
  <tr><th>Consentement du foyer recueilli le</th><td>{{#if blank}}<div class="field"></div>{{else}}{{formatDate household.consentDate}}{{/if}}</td></tr>
</table>

<h2>Besoins</h2>
{{#if blank}}
<p><span class="box"></span>Ordinateur fixe &nbsp; <span class="box"></span>Portable &nbsp; <span class="box"></span>Écran &nbsp;
<span class="box"></span>Webcam &nbsp; <span class="box"></span>Microphone &nbsp; <span class="box"></span>Clavier et souris</p>
{{else}}
<table class="kv">
  <tr><th>Type d'ordinateur</th><td>{{enumLabel prescription.needs.deviceType}}</td></tr>
  <tr><th>Accessoires</th><td>{{#if prescription.needs.screen}}Écran. {{/if}}{{#if prescription.needs.webcam}}Webcam. {{/if}}{{#if prescription.needs.microphone}}Microphone. {{/if}}{{#if prescription.needs.keyboardMouse}}Clavier et souris.{{/if}}</td></tr>
</table>
{{/if}}

<h2>Motif de la demande</h2>
{{#if blank}}<div class="field"></div><div class="field"></div><div class="field"></div>{{else}}<p>{{prescription.reason}}</p>{{/if}}

<h2>Réservé à l'atelier</h2>
<table class="kv">
  <tr><th>N° de prescription</th><td>{{#unless blank}}{{prescription.number}}{{/unless}}</td></tr>
  <tr><th>Reçue le</th><td>{{#unless blank}}{{formatDate prescription.receivedAt}}{{/unless}}</td></tr>
  <tr><th>Décision le</th><td>{{#unless blank}}{{formatDate prescription.decidedAt}}{{/unless}}</td></tr>
</table>
<div class="signatures"><div>Le ou la référent(e) du prescripteur</div><div>Le foyer</div></div>
{{#unless blank}}${VERIFY_FOOTER}{{/unless}}`;

export const prescriptionForm: DefaultTemplate = {
  key: 'prescription-form',
  kind: 'prescription-form',
  name: 'Fiche de prescription (vierge ou remplie)',
  version: 1,
  html,
  css: BASE_CSS,
};
