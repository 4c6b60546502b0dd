import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

const html = `${LETTERHEAD}
<p class="muted">À l'attention de {{donor.name}}{{#if donor.commune}}, {{donor.commune}}{{/if}}</p>
<h1>Merci pour votre soutien en {{impact.year}}</h1>
<p>Madame, Monsieur,</p>
{{#if hasUnits}}
<p>En {{impact.year}}, {{donor.name}} a confié à {{workshop.name}} <strong>{{formatNumber impact.received}} {{#if (eq impact.received 1)}}unité{{else}}unités{{/if}}</strong>
({{formatNumber impact.donations}} {{#if (eq impact.donations 1)}}collecte{{else}}collectes{{/if}}). Voici ce {{#if (eq impact.received 1)}}qu'elle est devenue{{else}}qu'elles sont devenues{{/if}} à la date de cette lettre :</p>
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
{{#if impact.households}}<p>Grâce à vous, {{#if (eq impact.households 1)}}une famille dont un enfant est au collège dispose{{else}}{{formatNumber impact.households}} familles dont un enfant est au collège disposent{{/if}} d'un ordinateur pour leurs devoirs.</p>{{/if}}
{{#unless impact.handedOver}}<p>À la date de cette lettre, aucune de ces unités n'a encore été remise à un foyer{{#if impact.inProgress}} : {{formatNumber impact.inProgress}} {{#if (eq impact.inProgress 1)}}est{{else}}sont{{/if}} en cours de reconditionnement{{/if}}.</p>{{/unless}}
{{#if impact.erasures}}<p>Les supports de stockage de vos unités ont fait l'objet de {{formatNumber impact.erasures}} {{#if (eq impact.erasures 1)}}effacement certifié{{else}}effacements certifiés{{/if}} ; aucune unité n'est remise à un foyer sans l'effacement certifié de chacun de ses supports.</p>{{/if}}
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
  // 2: each sentence only when its figure supports it (no erasure sentence with 0 erasures…).
  version: 2,
  html,
  css: BASE_CSS,
};
