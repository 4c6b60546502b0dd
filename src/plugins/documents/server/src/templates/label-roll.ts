import type { DefaultTemplate } from './types';

/** A 62 mm continuous roll (label printers such as Brother QL): one 62 × 29 mm label per unit. */
const html = `{{#each labels}}
<div class="label">
  <div class="codes">{{barcode labelCode}}{{qr labelCode}}</div>
  <div class="line"><strong>{{labelCode}}</strong> · {{brand}} {{model}}</div>
</div>
{{/each}}`;

const css = `@page { size: 62mm 29mm; margin: 0; }
body { margin: 0; font-family: 'Source Sans 3', sans-serif; }
.label { width: 62mm; height: 29mm; padding: 2mm 2.5mm; box-sizing: border-box; overflow: hidden; page-break-after: always; }
.label:last-child { page-break-after: auto; }
.codes { display: flex; align-items: center; justify-content: space-between; height: 20mm; }
.codes svg:first-child { height: 15mm; width: 38mm; }
.codes svg.qr { height: 19mm; width: 19mm; }
.line { font-size: 7pt; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }`;

export const labelRoll: DefaultTemplate = {
  key: 'label-roll-62mm',
  kind: 'label-sheet',
  name: 'Étiquettes en rouleau 62 mm (une par unité)',
  version: 1,
  html,
  css,
};
