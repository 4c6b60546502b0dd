import { escapeHtml } from '../../../../../shared/server/escape';
import { renderLayout } from '../../../../../shared/server/public-page';
import { formatDateTime } from '../../../../../shared/server/templating';
import type { VerifySummary, VerifyUnit } from './verify-summary';

export interface VerifiedDocument {
  number: string;
  kindLabel: string;
  issuedAt: string;
  /** The workshop of the network that issued it (its record's workshop), and its commune. */
  workshop: string;
  workshopCommune: string | null;
  sha256: string;
  version: number;
  superseded: boolean;
  /** What the document is about, as certified when it was issued. */
  summary: VerifySummary | null;
  /** The summary was rebuilt from today's records (a document issued before summaries were kept). */
  summaryIsCurrent: boolean;
}

export type UploadCheck = { matches: boolean; sha256: string } | null;

/** Why there is no document to show. */
export type VerifyMiss = 'unknown' | 'malformed';

/** The shape of an issued document's number: prefix, a workshop's code (not the default one's), year, sequence (ATT-2012-000123, ATT-MO-2026-000001). */
export const DOCUMENT_NUMBER = /^[A-Z]{2,5}-(?:[A-Z0-9]{1,6}-)?\d{4}-\d{6,10}$/;

const escape = escapeHtml;
const optional = (value: string | number | null | undefined, suffix = '') => (value === null || value === undefined || value === '' ? '' : `${escape(String(value))}${suffix}`);

function unitSection(unit: VerifyUnit, heading: 'h2' | 'h3' | null): string {
  const rows = unit.devices
    .map(
      (d) => `<tr><td>${escape(d.label)}</td><td>${optional(d.interface)}${d.capacityGb !== null ? ` ${escape(String(d.capacityGb))} Go` : ''}</td><td>${escape(d.outcome)}</td><td>${
        d.removal ? `Retrait${d.removal.destination ? ` (${escape(d.removal.destination)})` : ''}${d.removal.reason ? ` : ${escape(d.removal.reason)}` : ''}` : `${optional(d.method)}${d.tool ? ` — ${escape(d.tool)}` : ''}`
      }</td><td>${optional(d.date)}</td><td>${d.removal ? optional(d.removal.by ? `par ${d.removal.by}` : null) : optional(d.result)}</td></tr>`
    )
    .join('\n');
  return `${heading ? `<${heading}>Unité ${escape(unit.labelCode)}</${heading}>\n` : ''}<dl>
<dt>Étiquette de l'atelier</dt><dd>${escape(unit.labelCode)}</dd>
<dt>Type</dt><dd>${optional(unit.type) || '—'}</dd>
<dt>Marque et modèle</dt><dd>${optional(unit.brandModel) || '—'}</dd>
<dt>N° de série</dt><dd>${optional(unit.serialNumber) || '—'}</dd>
</dl>
${
  unit.devices.length
    ? `<div class="table-scroll"><table>
<caption>Supports de stockage de ${escape(unit.labelCode)}</caption>
<thead><tr><th scope="col">N° de série du support</th><th scope="col">Interface</th><th scope="col">État</th><th scope="col">Méthode et outil</th><th scope="col">Date</th><th scope="col">Résultat</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
    : `<p>${escape(unit.noDevice ?? '')}</p>`
}`;
}

function summarySection(summary: VerifySummary, current: boolean): string {
  const facts = summary.facts.map((f) => `<dt>${escape(f.label)}</dt><dd>${escape(f.value)}</dd>`).join('\n');
  // A one-unit certificate's subject already names its unit: no second heading saying the same.
  const single = summary.units.length === 1 && summary.subject === `Unité ${summary.units[0].labelCode}`;
  const units = summary.units.map((u) => unitSection(u, single ? null : 'h3')).join('\n');
  return `<h2>Ce que ce document atteste</h2>
${current ? '<p class="ko">Ce document a été émis avant que l’atelier ne conserve ce qu’il atteste : ce qui suit est l’état actuel de la fiche.</p>' : ''}
<p><strong>${escape(summary.subject)}</strong></p>
${facts ? `<dl>\n${facts}\n</dl>` : ''}
${units}`;
}

/** The public verification page: what the document is and what it is about, never whom it helped. */
export function verifyPage(number: string, doc: VerifiedDocument | null, options: { check?: UploadCheck; miss?: VerifyMiss; notice?: string } = {}): string {
  const { check = null, miss = 'unknown', notice } = options;
  let body: string;
  if (!doc) {
    body =
      miss === 'malformed'
        ? `<h1>Vérification d'un document</h1><p class="ko">Ce numéro n'est pas un numéro de document de l'atelier. Un numéro a la forme <strong>ATT-2012-000123</strong> : il est imprimé sous le code QR du document.</p>`
        : `<h1>Vérification d'un document</h1><p class="ko">Aucun document portant le numéro <strong>${escape(number)}</strong> n'a été émis.</p>`;
  } else {
    const issuer = doc.workshopCommune ? `${doc.workshop} (${doc.workshopCommune})` : doc.workshop;
    const result = check
      ? check.matches
        ? `<p class="ok">Le fichier transmis est identique au document émis : son empreinte SHA-256 correspond.</p>`
        : `<p class="ko">Le fichier transmis ne correspond pas au document émis (empreinte <code>${escape(check.sha256)}</code>). Il a pu être modifié.</p>`
      : '';
    body = `<h1>Vérification du document ${escape(doc.number)}</h1>
<p class="ok">Ce document a bien été émis par ${escape(doc.workshop)}.</p>
<p>Émis par : <strong>${escape(doc.workshop)}</strong>${doc.workshopCommune ? ` (${escape(doc.workshopCommune)})` : ''}</p>
${result}
<dl>
<dt>Type de document</dt><dd>${escape(doc.kindLabel)}</dd>
<dt>Numéro</dt><dd>${escape(doc.number)} (version ${doc.version})</dd>
<dt>Émis le</dt><dd>${escape(formatDateTime(doc.issuedAt))}</dd>
<dt>Émetteur</dt><dd>${escape(issuer)}</dd>
<dt>Empreinte SHA-256 du fichier PDF</dt><dd><code>${escape(doc.sha256)}</code></dd>
</dl>
${doc.superseded ? '<p class="ko">Une version plus récente de ce document a été émise depuis.</p>' : ''}
${doc.summary ? summarySection(doc.summary, doc.summaryIsCurrent) : ''}
<h2>Vérifier un fichier</h2>
${notice ? `<p class="ko">${escape(notice)}</p>` : ''}
<form class="verify-form" method="post" enctype="multipart/form-data">
<p><label for="file">Fichier PDF du document</label><br><input type="file" id="file" name="file" accept="application/pdf" required></p>
<button type="submit">Comparer son empreinte</button>
</form>`;
  }
  // The public site's look (shared layout, /site.css); not indexed: a number is not a page.
  const path = doc || miss === 'unknown' ? `/verify/${encodeURIComponent(number)}` : '/verify';
  return renderLayout(
    { title: 'Vérification d’un document', description: 'Vérifier qu’un document a bien été émis par l’atelier et que le fichier est intact.', path, noindex: true },
    body,
  );
}
