import type { DefaultTemplate } from './types';

/** A4 sheet of 24 labels (3 × 8, 70 × 37 mm), one per unit of the donation. */
const html = `<div class="sheet">
{{#each labels}}
  <div class="label">
    <div class="codes">{{barcode labelCode}}{{qr labelCode}}</div>
    <div class="line"><strong>{{../workshop.name}}</strong> · {{labelCode}}</div>
    <div class="line">{{brand}} {{model}}{{#if serialNumber}} · S/N {{serialNumber}}{{/if}}</div>
  </div>
{{/each}}
</div>`;

const css = `@page { size: A4; margin: 0; }
body { margin: 0; font-family: 'Source Sans 3', sans-serif; }
.sheet { display: grid; grid-template-columns: repeat(3, 70mm); grid-auto-rows: 37.125mm; }
.label { padding: 3mm 3.5mm; overflow: hidden; page-break-inside: avoid; }
.codes { display: flex; align-items: center; justify-content: space-between; height: 22mm; }
.codes svg:first-child { height: 15mm; width: 44mm; }
.codes svg.qr { height: 20mm; width: 20mm; }
.line { font-size: 7.5pt; line-height: 1.25; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }`;

export const labelSheet: DefaultTemplate = {
  key: 'label-sheet',
  kind: 'label-sheet',
  name: "Planche d'étiquettes A4 (24 par page)",
  version: 1,
  html,
  css,
};
