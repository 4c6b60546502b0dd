import type { DefaultTemplate } from './types';

/** An outreach campaign's letters for the post: one A4 page per structure, ready for a window envelope. */
const html = `{{#each letters}}
<section class="letter">
  <header class="sender">
    <div class="org">{{../workshop.name}}</div>
    <div class="meta">{{../workshop.address}}<br>{{../workshop.postalCode}} {{../workshop.commune}}
      {{#if ../workshop.phone}}<br>{{../workshop.phone}}{{/if}}{{#if ../workshop.email}}<br>{{../workshop.email}}{{/if}}</div>
  </header>
  <div class="address">
    {{#if contact.name}}{{contact.name}}{{#if contact.role}}, {{contact.role}}{{/if}}<br>{{/if}}
    <strong>{{structure.name}}</strong><br>
    {{#if structure.address}}{{structure.address}}<br>{{/if}}
    {{structure.postalCode}} {{structure.commune}}
  </div>
  <p class="date">{{../workshop.commune}}, le {{today}}</p>
  <p class="subject"><strong>Objet : {{subject}}</strong></p>
  {{#each paragraphs}}<p>{{this}}</p>{{/each}}
  <p class="signature">{{#if ../workshop.signatoryName}}{{../workshop.signatoryName}}{{#if ../workshop.signatoryRole}}<br>{{../workshop.signatoryRole}}{{/if}}{{else}}{{../workshop.name}}{{/if}}</p>
  <footer class="ref">{{../document.number}} · {{../campaign.name}}</footer>
</section>
{{else}}
<p>Aucun destinataire par courrier dans cette campagne.</p>
{{/each}}`;

const css = `@page { size: A4; margin: 18mm 20mm 16mm 20mm; }
body { font-family: 'Source Sans 3', sans-serif; font-size: 11pt; line-height: 1.45; color: #1d2327; margin: 0; }
.letter { position: relative; height: 262mm; page-break-after: always; overflow: hidden; }
.letter:last-child { page-break-after: auto; }
.sender .org { font-weight: 700; font-size: 13pt; color: #12355b; }
.sender .meta { font-size: 9.5pt; color: #4a5560; }
.address { margin: 14mm 0 12mm 90mm; min-height: 28mm; }
.date { text-align: right; margin-bottom: 8mm; }
.subject { margin-bottom: 6mm; }
p { margin: 0 0 3mm; text-align: justify; white-space: pre-line; }
.signature { margin-top: 10mm; margin-left: 90mm; text-align: left; }
.ref { position: absolute; bottom: 0; left: 0; right: 0; font-size: 8pt; color: #4a5560; border-top: .4pt solid #c8d2dc; padding-top: 1.5mm; }`;

export const outreachLetters: DefaultTemplate = {
  key: 'outreach-letters',
  kind: 'outreach-letters',
  name: "Courriers d'une campagne (une page par structure)",
  version: 1,
  html,
  css,
};
