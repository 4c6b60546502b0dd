import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

const html = `${LETTERHEAD}
<h1>Récépissé de remise de matériel</h1>
<p>Le foyer <strong>{{household.referenceName}}</strong> ({{household.commune}}), orienté par {{prescriber.name}}
(prescription n° {{prescription.number}}), reçoit gratuitement de {{workshop.name}} le matériel suivant{{#if prescription.handedOverAt}},
le {{formatDate prescription.handedOverAt}}{{/if}}.</p>

<h2>Matériel remis</h2>
<table>
  <tr><th>Étiquette</th><th>Type</th><th>Marque et modèle</th><th>N° de série</th><th>Système</th></tr>
  {{#each machines}}
  <tr><td>{{labelCode}}</td><td>{{enumLabel type}}</td><td>{{brand}} {{model}}</td><td>{{serialNumber}}</td><td>{{osInstalled}}</td></tr>
  {{else}}
  <tr><td colspan="5" class="muted">Aucune unité réservée pour cette prescription.</td></tr>
  {{/each}}
</table>
<p><strong>Accessoires :</strong> {{#if prescription.needs.screen}}écran ; {{/if}}{{#if prescription.needs.webcam}}webcam ; {{/if}}{{#if prescription.needs.microphone}}microphone ; {{/if}}{{#if prescription.needs.keyboardMouse}}clavier et souris ; {{/if}}câble d'alimentation.</p>

<h2>Conditions</h2>
<p>{{#if machines}}Le matériel est remis en l'état, reconditionné et testé par l'atelier ; ses supports de stockage ont été effacés avant
remise. {{/if}}Il est destiné à l'usage du foyer, notamment pour la scolarité des enfants, et ne peut être revendu. En cas de
panne, le foyer contacte le prescripteur ou l'atelier. Le prescripteur assure le suivi après la remise.</p>

<div class="signatures">
  <div>Pour le foyer (bon pour réception)<br>{{household.referenceName}}</div>
  <div>Pour l'atelier<br>{{workshop.signatoryName}}</div>
</div>
${VERIFY_FOOTER}`;

export const handoverReceipt: DefaultTemplate = {
  key: 'handover-receipt',
  kind: 'handover-receipt',
  name: 'Récépissé de remise au foyer',
  // 2: no sentence about the unit's disks when no unit is reserved yet.
  version: 2,
  html,
  css: BASE_CSS,
};
