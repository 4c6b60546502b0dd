/**
 * Pieces the default templates share: the page style, the letterhead and the footer with
 * the document number and its verification QR code. Each default embeds them, so that staff
 * who edit one template see all of it.
 */
export const BASE_CSS = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
* { box-sizing: border-box; }
body { font-family: 'Source Sans 3', sans-serif; font-size: 10.5pt; line-height: 1.42; color: #1d2327; margin: 0; }
h1 { font-size: 17pt; font-weight: 700; margin: 0 0 2mm; letter-spacing: .2px; color: #12355b; }
h2 { font-size: 11.5pt; font-weight: 700; margin: 5mm 0 1.5mm; color: #12355b; border-bottom: .4pt solid #c8d2dc; padding-bottom: .8mm; }
p { margin: 0 0 2mm; text-align: justify; }
.letterhead { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 1.2pt solid #12355b; padding-bottom: 3mm; margin-bottom: 6mm; }
.letterhead .org { font-weight: 700; font-size: 13pt; color: #12355b; }
.letterhead .meta { font-size: 9pt; color: #4a5560; }
.letterhead img { max-height: 18mm; max-width: 45mm; }
.docid { text-align: right; font-size: 9pt; color: #4a5560; }
.docid strong { font-size: 11pt; color: #1d2327; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; }
th, td { border: .4pt solid #c8d2dc; padding: 1.3mm 2mm; text-align: left; vertical-align: top; font-size: 9.5pt; }
th { background: #eef2f6; font-weight: 600; }
table.kv th { width: 38%; }
.parties { display: flex; gap: 6mm; }
.parties > div { flex: 1; border: .4pt solid #c8d2dc; padding: 2.5mm 3mm; }
.signatures { display: flex; gap: 8mm; margin-top: 8mm; page-break-inside: avoid; }
.signatures > div { flex: 1; border-top: .4pt solid #1d2327; padding-top: 2mm; min-height: 28mm; font-size: 9.5pt; }
.verify { display: flex; gap: 4mm; align-items: center; margin-top: 8mm; padding-top: 3mm; border-top: .4pt solid #c8d2dc; font-size: 8.5pt; color: #4a5560; page-break-inside: avoid; }
.verify svg.qr { width: 24mm; height: 24mm; flex: none; }
.preview { border: 1pt dashed #b32d2e; color: #b32d2e; padding: 2mm 3mm; margin-bottom: 4mm; font-weight: 600; }
.muted { color: #4a5560; }
.field { border-bottom: .4pt dotted #1d2327; min-height: 7mm; }
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: .6pt solid #1d2327; vertical-align: -0.4mm; margin-right: 1.5mm; }
`;

export const LETTERHEAD = `<header class="letterhead">
  <div>
    {{#if workshop.logoDataUrl}}<img src="{{workshop.logoDataUrl}}" alt="">{{/if}}
    <div class="org">{{workshop.name}}</div>
    <div class="meta">{{workshop.legalForm}}{{#if workshop.address}}<br>{{workshop.address}}{{/if}}<br>{{workshop.postalCode}} {{workshop.commune}}
      {{#if workshop.siret}}<br>SIRET {{workshop.siret}}{{/if}}{{#if workshop.email}} · {{workshop.email}}{{/if}}{{#if workshop.phone}} · {{workshop.phone}}{{/if}}</div>
  </div>
  <div class="docid">{{document.kindLabel}}<br><strong>N° {{document.number}}</strong><br>Émis le {{formatDate document.issuedAt}}</div>
</header>
{{#if document.isPreview}}<div class="preview">APERÇU — document non émis, sans valeur.</div>{{/if}}`;

export const VERIFY_FOOTER = `<footer class="verify">
  {{qr document.verifyUrl}}
  <div>Document n° <strong>{{document.number}}</strong> émis par {{workshop.name}} le {{formatDate document.issuedAt}}.<br>
  Son authenticité se vérifie à l'adresse <strong>{{document.verifyUrl}}</strong> :
  l'empreinte SHA-256 du fichier y est publiée, sans aucune donnée personnelle.</div>
</footer>`;

export const SIGNATURES = (left: string, right: string) => `<div class="signatures">
  <div>${left}<br>Date et signature :</div>
  <div>${right}<br>Date et signature :</div>
</div>`;
