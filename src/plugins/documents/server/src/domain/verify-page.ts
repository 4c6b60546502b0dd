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

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const PAGE_CSS = `body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2327;line-height:1.5}
h1{font-size:1.5rem;color:#12355b}.ok{border-left:4px solid #1a7f37;padding:.5rem 1rem;background:#eef8f0}
.ko{border-left:4px solid #b32d2e;padding:.5rem 1rem;background:#fbeeee}dt{font-weight:600;margin-top:.6rem}dd{margin:0}
code{word-break:break-all}form{margin-top:1.5rem;padding:1rem;border:1px solid #c8d2dc}`;

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
<form method="post" enctype="multipart/form-data">
<label>Vérifier un fichier PDF : <input type="file" name="file" accept="application/pdf" required></label>
<button type="submit">Comparer son empreinte</button>
</form>`;
  }
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Vérification d'un document</title><style>${PAGE_CSS}</style></head><body>${body}</body></html>`;
}
