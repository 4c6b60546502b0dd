/**
 * A volunteer's badge (docs/volunteers.md, « Qui est au poste »): a card the size of a bank card
 * (85.6 × 54 mm) with the workshop's name, the volunteer's name and their badge code as a Code 128
 * barcode, the symbology of the units' labels, so the bench's USB scanner reads both (the code is
 * also written as text: the barcode's own digits are drawn as shapes). A fixed
 * template: a badge is a tool, not an issued document (no number, not stored).
 */
export const BADGE_CARD_HTML = `<div class="card">
  <div class="workshop">{{#if workshop.logoDataUrl}}<img src="{{workshop.logoDataUrl}}" alt="">{{/if}}<span>{{workshop.name}}</span></div>
  <div class="role">Bénévole</div>
  <div class="name">{{volunteer.name}}</div>
  <div class="code">{{barcode volunteer.badgeCode}}</div>
  <div class="hint">{{volunteer.badgeCode}} · au poste de travail, scannez ce badge pour vous signaler.</div>
</div>`;

export const BADGE_CARD_CSS = `@page { size: 85.6mm 54mm; margin: 0; }
body { margin: 0; font-family: 'Source Sans 3', sans-serif; }
.card { box-sizing: border-box; width: 85.6mm; height: 54mm; padding: 3.5mm 4.5mm; display: flex; flex-direction: column; overflow: hidden; }
.workshop { display: flex; align-items: center; gap: 2mm; font-size: 8.5pt; font-weight: 600; color: #32324d; }
.workshop img { max-height: 7mm; max-width: 18mm; }
.role { font-size: 7pt; text-transform: uppercase; letter-spacing: 0.08em; color: #666687; margin-top: 1.5mm; }
.name { font-size: 15pt; font-weight: 700; line-height: 1.1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.code { flex: 1; display: flex; align-items: center; justify-content: center; padding-top: 1.5mm; }
.code svg { height: 19mm; width: 70mm; }
.hint { font-size: 6.5pt; color: #666687; text-align: center; }`;
