import { BASE_CSS, LETTERHEAD, VERIFY_FOOTER } from './base';
import type { DefaultTemplate } from './types';

const html = `${LETTERHEAD}
<h1>Attestation de donateur labellisé Ordi 2.0</h1>
<p>{{workshop.name}}, membre du réseau Ordi Solidaire Bretagne, atteste que <strong>{{donor.name}}</strong>{{#if donor.commune}} ({{donor.commune}}){{/if}}
est <strong>donateur labellisé Ordi 2.0</strong> depuis le {{label.dateText}}{{#if label.event}}, label remis lors de : {{label.event}}{{/if}}.</p>

<h2>Les engagements du label</h2>
<ul>
  <li>Traçabilité de chaque unité donnée, de sa collecte à sa remise ou à son recyclage.</li>
  <li>Effacement certifié des données de chaque support de stockage avant toute sortie de l'atelier.</li>
  <li>Redistribution en priorité sociale, à des foyers orientés par des structures prescriptrices.</li>
  <li>Recyclage en filière DEEE de ce qui ne peut être réemployé.</li>
</ul>

<h2>Dons enregistrés</h2>
<table class="kv">
  <tr><th>Lots collectés</th><td>{{formatNumber totals.donations}}</td></tr>
  <tr><th>Unités reçues</th><td>{{formatNumber totals.received}}</td></tr>
</table>

<div class="signatures">
  <div>Fait pour servir et valoir ce que de droit.</div>
  <div>Pour l'atelier<br>{{workshop.signatoryName}}</div>
</div>
${VERIFY_FOOTER}`;

export const labelCertificate: DefaultTemplate = {
  key: 'label-certificate',
  kind: 'label-certificate',
  name: 'Attestation de donateur labellisé Ordi 2.0',
  version: 1,
  html,
  css: BASE_CSS,
};
