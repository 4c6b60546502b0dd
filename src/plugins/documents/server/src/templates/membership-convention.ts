import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

const html = `${LETTERHEAD}
<h1>Convention d'adhésion — structure prescriptrice</h1>
<p class="muted">Convention n° {{convention.number}}</p>

<h2>Entre les soussignés</h2>
<div class="parties">
  <div><strong>{{prescriber.name}}</strong> ({{enumLabel prescriber.kind}})<br>
    {{#if prescriber.address}}{{prescriber.address}}<br>{{/if}}{{prescriber.postalCode}} {{prescriber.commune}}<br>
    {{#if prescriber.contact.name}}représenté(e) par {{prescriber.contact.name}}{{#if prescriber.contact.role}}, {{prescriber.contact.role}}{{/if}}<br>{{/if}}
    ci-après « le prescripteur »</div>
  <div><strong>{{workshop.name}}</strong><br>
    {{#if workshop.address}}{{workshop.address}}<br>{{/if}}{{workshop.postalCode}} {{workshop.commune}}<br>
    {{#if workshop.signatoryName}}représentée par {{workshop.signatoryName}}{{#if workshop.signatoryRole}}, {{workshop.signatoryRole}}{{/if}}<br>{{/if}}
    ci-après « l'association »</div>
</div>

<h2>Article 1 — Objet</h2>
<p>La présente convention fait du prescripteur un partenaire officiel de l'association : il peut lui adresser, au moyen de
la fiche de prescription, des foyers comptant au moins un enfant scolarisé au collège, pour qu'un ordinateur reconditionné
leur soit remis afin de soutenir la scolarité.</p>

<h2>Article 2 — Engagements du prescripteur</h2>
<p>Le prescripteur évalue la situation du foyer, remplit la fiche de prescription avec le seul nécessaire, recueille le
consentement du foyer au traitement de ses données et assure le suivi après la remise.</p>

<h2>Article 3 — Engagements de l'association</h2>
<p>L'association examine chaque prescription, informe le prescripteur de sa décision, prépare une unité adaptée aux besoins
indiqués (écran, webcam, microphone…) dont les données ont été effacées, et la remet au foyer contre récépissé.</p>

<h2>Article 4 — Données personnelles</h2>
<p>Les données des foyers sont limitées à ce que la fiche demande, réservées aux personnes qui en ont besoin, et supprimées
ou anonymisées à l'issue de leur durée de conservation. Les bilans ne comportent que des effectifs, jamais de noms.</p>

<h2>Article 5 — Durée</h2>
<p>La convention prend effet le {{formatDate convention.startDate}}{{#if convention.endDate}} et prend fin le {{formatDate convention.endDate}}{{else}}
pour une durée indéterminée ; chaque partie peut la résilier par écrit avec un préavis d'un mois{{/if}}.</p>

<p>Fait en deux exemplaires, à {{workshop.commune}}, le {{formatDate document.issuedAt}}.</p>
<div class="signatures">
  <div>Pour le prescripteur<br>{{prescriber.contact.name}}<br><span class="muted">{{prescriber.contact.role}}</span></div>
  <div>Pour l'association<br>{{workshop.signatoryName}}<br><span class="muted">{{workshop.signatoryRole}}</span></div>
</div>
${VERIFY_FOOTER}`;

export const membershipConvention: DefaultTemplate = {
  key: 'membership-convention',
  kind: 'membership-convention',
  name: "Convention d'adhésion (prescripteur)",
  version: 1,
  html,
  css: BASE_CSS,
};
