import { escapeHtml } from '../../../../site/server/src/domain/escape';
import { renderLayout } from '../../../../site/server/src/domain/layout';
import { formatDateTime } from './templating';

export interface VerifiedDocument {
  number: string;
  kindLabel: string;
  issuedAt: string;
  workshop: string;
  sha256: string;
  version: number;
  superseded: boolean;
}

export type UploadCheck = { matches: boolean; sha256: string } | null;

const escape = escapeHtml;

/** The public verification page: what the document is, never whom it concerns. */
export function verifyPage(number: string, doc: VerifiedDocument | null, check: UploadCheck = null): string {
  let body: string;
  if (!doc) {
    body = `<h1>Vérification d'un document</h1><p class="ko">Aucun document portant le numéro <strong>${escape(number)}</strong> n'a été émis.</p>`;
  } else {
    const result = check
      ? check.matches
        ? `<p class="ok">Le fichier transmis est identique au document émis : son empreinte SHA-256 correspond.</p>`
        : `<p class="ko">Le fichier transmis ne correspond pas au document émis (empreinte <code>${escape(check.sha256)}</code>). Il a pu être modifié.</p>`
      : '';
    body = `<h1>Vérification du document ${escape(doc.number)}</h1>
<p class="ok">Ce document a bien été émis par ${escape(doc.workshop)}.</p>
${result}
<dl>
<dt>Type de document</dt><dd>${escape(doc.kindLabel)}</dd>
<dt>Numéro</dt><dd>${escape(doc.number)} (version ${doc.version})</dd>
<dt>Émis le</dt><dd>${escape(formatDateTime(doc.issuedAt))}</dd>
<dt>Émetteur</dt><dd>${escape(doc.workshop)}</dd>
<dt>Empreinte SHA-256 du fichier PDF</dt><dd><code>${escape(doc.sha256)}</code></dd>
</dl>
${doc.superseded ? '<p class="ko">Une version plus récente de ce document a été émise depuis.</p>' : ''}
<form class="verify-form" method="post" enctype="multipart/form-data">
<p><label for="file">Vérifier un fichier PDF</label><br><input type="file" id="file" name="file" accept="application/pdf" required></p>
<button type="submit">Comparer son empreinte</button>
</form>`;
  }
  // The public site's look (shared layout, /site.css); not indexed: a number is not a page.
  return renderLayout(
    { title: 'Vérification d’un document', description: 'Vérifier qu’un document a bien été émis par l’atelier et que le fichier est intact.', path: `/verify/${encodeURIComponent(number)}`, noindex: true },
    body,
  );
}
