import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

const html = `${LETTERHEAD}
<p class="muted">À l'attention de {{donor.name}}{{#if donor.commune}}, {{donor.commune}}{{/if}}</p>
<h1>Merci pour votre soutien en {{impact.year}}</h1>
<p>Madame, Monsieur,</p>
{{#if hasUnits}}
<p>En {{impact.year}}, {{donor.name}} a confié à {{workshop.name}} <strong>{{formatNumber impact.received}} unités</strong>
({{formatNumber impact.donations}} collecte(s)). Voici ce qu'elles sont devenues à la date de cette lettre :</p>
<table class="kv">
  <tr><th>Unités reçues en {{impact.year}}</th><td>{{formatNumber impact.received}}</td></tr>
  <tr><th>Reconditionnées et remises à des foyers</th><td>{{formatNumber impact.handedOver}}</td></tr>
  <tr><th>Reconditionnées, prêtes à être remises</th><td>{{formatNumber impact.ready}}</td></tr>
  <tr><th>En cours de reconditionnement</th><td>{{formatNumber impact.inProgress}}</td></tr>
  <tr><th>Démontées pour pièces détachées</th><td>{{formatNumber impact.dismantled}}</td></tr>
  <tr><th>Recyclées (filière DEEE)</th><td>{{formatNumber impact.recycled}}</td></tr>
  <tr><th>Effacements de données certifiés</th><td>{{formatNumber impact.erasures}}</td></tr>
  <tr><th>Foyers équipés</th><td>{{formatNumber impact.households}}</td></tr>
</table>
<p>Grâce à vous, des familles dont un enfant est au collège disposent d'un ordinateur pour leurs devoirs, et vos
données ont été effacées avant toute sortie de l'atelier.</p>
{{else}}
<p>Nous n'avons pas enregistré de collecte de votre matériel en {{impact.year}}. Merci pour la confiance que vous nous
accordez ; nous serons heureux d'organiser une prochaine collecte.</p>
{{/if}}
{{#if donor.labelled}}<p>Votre engagement de donateur labellisé Ordi 2.0 fait vivre les promesses du label : traçabilité et effacement certifié.</p>{{/if}}
<p>Avec nos remerciements les plus sincères,</p>
<div class="signatures">
  <div></div>
  <div>Pour l'atelier<br>{{workshop.signatoryName}}</div>
</div>
${VERIFY_FOOTER}`;

export const thankYouLetter: DefaultTemplate = {
  key: 'thank-you-letter',
  kind: 'thank-you-letter',
  name: 'Lettre de remerciement annuelle',
  version: 1,
  html,
  css: BASE_CSS,
};
