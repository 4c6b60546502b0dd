import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

const html = `${LETTERHEAD}
<h1>Bilan d'activité</h1>
<p>Période du <strong>{{formatDate bilan.params.from}}</strong> au <strong>{{formatDate bilan.params.to}}</strong> ·
territoire : <strong>{{bilan.params.territoryLabel}}</strong>{{#if bilan.programme}} · programme :
<strong>{{bilan.programme.name}}</strong> ({{bilan.programme.funder}}){{/if}}.</p>
{{#if bilan.programme.targetPublic}}<p class="muted">Public visé : {{bilan.programme.targetPublic}}</p>{{/if}}

<h2>Synthèse</h2>
<table class="kv">
  <tr><th>Ordinateurs remis à des foyers</th><td>{{formatNumber bilan.prescriberTotal.handedOver.value}}</td></tr>
  <tr><th>Dossiers en instance en fin de période</th><td>{{formatNumber bilan.prescriberTotal.pending.value}}</td></tr>
  <tr><th>Foyers équipés</th><td>{{formatNumber bilan.households.equipped.value}}</td></tr>
  <tr><th>dont foyers avec enfant(s) au collège</th><td>{{formatNumber bilan.households.withCollegeChildren.value}} ({{formatNumber bilan.households.collegeChildren.value}} enfants)</td></tr>
  <tr><th>Unités reçues (lots collectés dans la période)</th><td>{{formatNumber bilan.donorTotal.received.value}}</td></tr>
  <tr><th>Courriers d'information envoyés / avec réponse</th><td>{{formatNumber bilan.outreach.sent.value}} / {{formatNumber bilan.outreach.answered.value}}</td></tr>
</table>

<h2>Par commune</h2>
<table>
  <tr><th>Commune</th><th>Prescriptions reçues</th><th>Ordinateurs remis</th><th>En instance</th></tr>
  {{#each bilan.communes}}<tr><td>{{commune}}</td><td>{{formatNumber received.value}}</td><td>{{formatNumber handedOver.value}}</td><td>{{formatNumber pending.value}}</td></tr>{{else}}<tr><td colspan="4" class="muted">Aucune prescription sur ce territoire dans la période.</td></tr>{{/each}}
</table>

<h2>Par prescripteur</h2>
<table>
  <tr><th>Prescripteur</th><th>Reçues</th><th>Acceptées</th><th>Remises</th><th>En instance</th></tr>
  {{#each bilan.prescribers}}<tr><td>{{name}}</td><td>{{formatNumber received.value}}</td><td>{{formatNumber accepted.value}}</td><td>{{formatNumber handedOver.value}}</td><td>{{formatNumber pending.value}}</td></tr>{{/each}}
  <tr><th>Total</th><th>{{formatNumber bilan.prescriberTotal.received.value}}</th><th>{{formatNumber bilan.prescriberTotal.accepted.value}}</th><th>{{formatNumber bilan.prescriberTotal.handedOver.value}}</th><th>{{formatNumber bilan.prescriberTotal.pending.value}}</th></tr>
</table>

<h2>Par donateur (lots collectés dans la période, devenir à ce jour)</h2>
<table>
  <tr><th>Donateur</th><th>Reçues</th><th>Réemploi</th><th>dont remises</th><th>Démontées</th><th>Recyclées (DEEE)</th><th>En cours</th></tr>
  {{#each bilan.donors}}<tr><td>{{name}}</td><td>{{formatNumber received.value}}</td><td>{{formatNumber reused.value}}</td><td>{{formatNumber handedOver.value}}</td><td>{{formatNumber dismantled.value}}</td><td>{{formatNumber recycled.value}}</td><td>{{formatNumber inProgress.value}}</td></tr>{{/each}}
  <tr><th>Total</th><th>{{formatNumber bilan.donorTotal.received.value}}</th><th>{{formatNumber bilan.donorTotal.reused.value}}</th><th>{{formatNumber bilan.donorTotal.handedOver.value}}</th><th>{{formatNumber bilan.donorTotal.dismantled.value}}</th><th>{{formatNumber bilan.donorTotal.recycled.value}}</th><th>{{formatNumber bilan.donorTotal.inProgress.value}}</th></tr>
</table>

<h2>Activité de l'atelier dans la période</h2>
<table class="kv">
  <tr><th>Unités reconditionnées (devenues prêtes)</th><td>{{formatNumber bilan.activity.refurbished.value}}</td></tr>
  <tr><th>Unités remises</th><td>{{formatNumber bilan.activity.handedOver.value}}</td></tr>
  <tr><th>Unités démontées pour pièces</th><td>{{formatNumber bilan.activity.dismantled.value}}</td></tr>
  <tr><th>Unités envoyées au recyclage DEEE</th><td>{{formatNumber bilan.activity.recycled.value}}</td></tr>
</table>
<h2>Bénévolat</h2>
<table class="kv">
  <tr><th>Heures de bénévolat</th><td>{{formatNumber bilan.volunteers.hours}} h</td></tr>
  <tr><th>Bénévoles actifs (présents au moins une fois dans la période)</th><td>{{formatNumber bilan.volunteers.activeVolunteers}}</td></tr>
  <tr><th>Formations tenues / bénévoles formés</th><td>{{formatNumber bilan.volunteers.trainings.held}} / {{formatNumber bilan.volunteers.trainings.attendees}}</td></tr>
</table>

<h2>Valorisation du bénévolat</h2>
<p class="muted">Contributions volontaires en nature : heures × {{formatEuro bilan.volunteers.hourlyRate}} de l'heure (réglages des bilans).</p>
<table>
  <tr><th>{{#if (eq bilan.volunteers.valuationUnit "quarter")}}Trimestre{{else}}Mois{{/if}}</th><th>Heures</th><th>Valeur</th></tr>
  {{#each bilan.volunteers.valuation}}<tr><td>{{label}}</td><td>{{formatNumber hours}}</td><td>{{formatEuro value}}</td></tr>{{else}}<tr><td colspan="3" class="muted">Aucune présence dans la période.</td></tr>{{/each}}
  <tr><th>Total</th><th>{{formatNumber bilan.volunteers.hours}}</th><th>{{formatEuro bilan.volunteers.value}}</th></tr>
</table>
{{#if bilan.volunteers.toRegularise}}<p class="muted">{{formatNumber bilan.volunteers.toRegularise}} présence(s) sans départ pointé, non comptée(s) tant que la coordination ne les a pas régularisées.</p>{{/if}}
<p class="muted">Les foyers ne sont jamais nommés : le bilan ne contient que des comptes. Établi par {{default report.authorName "l'équipe de coordination"}}.</p>
${VERIFY_FOOTER}`;

export const bilan: DefaultTemplate = {
  key: 'bilan',
  kind: 'bilan',
  name: "Bilan d'activité (financeurs, comité de pilotage)",
  version: 2,
  html,
  css: BASE_CSS,
};
