/**
 * The template language staff write in (documents' PDF templates, outreach's mailings): a
 * Handlebars sandbox with a fixed list of helpers (French dates, euros, numbers, enum labels, QR
 * codes, barcodes), no raw HTML, no partials, no prototype access; every refusal is a
 * TemplateError with a French message. Plus the HTML document a PDF is rendered from.
 * Used by the documents and outreach plugins; see docs/architecture.md.
 */
import bwipjs from 'bwip-js';
import Handlebars from 'handlebars';
import QRCode from 'qrcode';
import { ENUM_LABELS } from '../labels';
import { memoize } from './memo';

/** What staff read when a template is refused (French). */
const MESSAGES = {
  templateSyntax: (detail: string) => `Le modèle contient une erreur : ${detail}`,
  templateTripleStash: 'Le modèle ne peut pas insérer de HTML brut ({{{ … }}}) : utilisez {{ … }}.',
  templatePartial: "Le modèle ne peut pas inclure d'autres modèles ({{> … }}).",
  templateUnknownHelper: (name: string) => `Fonction inconnue dans le modèle : « ${name} ».`,
  barcodeInvalid: (value: string) => `Code-barres impossible pour « ${value} ».`,
} as const;

/** A template refused before it is ever rendered; `message` is French. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const TIME_ZONE = 'Europe/Paris';

const toDate = (value: unknown): Date | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  // A bare date (2011-10-03) is a calendar day, not midnight UTC.
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

// Built once: building an Intl formatter costs far more than formatting (a batch formats thousands of dates).
const DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
const EURO = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const NUMBER = new Intl.NumberFormat('fr-FR');

/** « 3 octobre 2011 », or '' for no date. */
export function formatDate(value: unknown): string {
  const d = toDate(value);
  return d ? DAY.format(d) : '';
}

/** « 3 octobre 2011 à 14:05 ». */
export function formatDateTime(value: unknown): string {
  const d = toDate(value);
  if (!d) return '';
  return `${formatDate(d)} à ${TIME.format(d)}`;
}

const asNumber = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** « 1 234,50 € » (narrow no-break spaces as French typography wants). */
export function formatEuro(value: unknown): string {
  const n = asNumber(value);
  return n === null ? '' : EURO.format(n);
}

export function formatNumber(value: unknown): string {
  const n = asNumber(value);
  return n === null ? '' : NUMBER.format(n);
}

/** A QR code as an inline SVG (no script, no external reference). */
export const qrSvg = memoize(drawQr, 200);

function drawQr(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const margin = 2;
  let d = '';
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (qr.modules.get(x, y)) d += `M${x + margin} ${y + margin}h1v1h-1z`;
    }
  }
  const full = size + 2 * margin;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges"><rect width="${full}" height="${full}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/** A Code 128 barcode as an inline SVG, its text drawn as paths (a label sheet draws hundreds). */
export const barcodeSvg = memoize(drawBarcode, 2000);

function drawBarcode(text: string): string {
  try {
    return bwipjs.toSVG({ bcid: 'code128', text, height: 10, includetext: true, textxalign: 'center', textsize: 9 });
  } catch {
    throw new TemplateError(MESSAGES.barcodeInvalid(text));
  }
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** The only functions a template can call, besides Handlebars' own if/unless/each/with. */
const HELPERS: Record<string, (...args: unknown[]) => unknown> = {
  formatDate: (value) => formatDate(value),
  formatDateTime: (value) => formatDateTime(value),
  formatEuro: (value) => formatEuro(value),
  formatNumber: (value) => formatNumber(value),
  enumLabel: (value) => ENUM_LABELS[text(value)]?.fr ?? text(value),
  eq: (a, b) => a === b,
  or: (...args) => args.slice(0, -1).some(Boolean),
  default: (value, fallback) => (value === null || value === undefined || value === '' ? fallback : value),
  qr: (value) => new Handlebars.SafeString(qrSvg(text(value))),
  barcode: (value) => new Handlebars.SafeString(barcodeSvg(text(value))),
};

const BUILT_IN = new Set(['if', 'unless', 'each', 'with']);
export const KNOWN_HELPERS = Object.keys(HELPERS);

const KEEP = new Set([...BUILT_IN, 'helperMissing', 'blockHelperMissing']);
const hbs = Handlebars.create();
for (const name of Object.keys(hbs.helpers)) if (!KEEP.has(name)) hbs.unregisterHelper(name);
hbs.registerHelper(HELPERS);

type Node = hbs.AST.Node;

/** Refuses raw HTML output, partials and unknown helpers, with a French message. */
export function checkTemplate(source: string): void {
  let program: hbs.AST.Program;
  try {
    program = hbs.parse(source);
  } catch (error) {
    throw new TemplateError(MESSAGES.templateSyntax(firstLine(error)));
  }
  const known = new Set([...BUILT_IN, ...KNOWN_HELPERS]);
  const visit = (node: Node | null | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        (node as hbs.AST.Program).body.forEach(visit);
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (!m.escaped) throw new TemplateError(MESSAGES.templateTripleStash);
        checkCall(m.path, m.params, known);
        m.params.forEach(visit);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        checkCall(b.path, b.params, known, true);
        b.params.forEach(visit);
        visit(b.program);
        visit(b.inverse);
        return;
      }
      case 'SubExpression': {
        const s = node as hbs.AST.SubExpression;
        checkCall(s.path, s.params, known, true);
        s.params.forEach(visit);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'DecoratorBlock':
      case 'Decorator':
        throw new TemplateError(MESSAGES.templatePartial);
      default:
        return;
    }
  };
  visit(program);
}

function checkCall(path: hbs.AST.PathExpression | hbs.AST.Literal, params: unknown[], known: Set<string>, isCall = false): void {
  if (path.type !== 'PathExpression') return;
  const name = (path as hbs.AST.PathExpression).original;
  if ((isCall || params.length > 0) && !known.has(name)) throw new TemplateError(MESSAGES.templateUnknownHelper(name));
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

/** Compiles a checked template; values are HTML-escaped, prototype access is refused. */
/** A checked template, compiled once per source text (every document of a batch shares it). */
export const compileTemplate = memoize(compileChecked, 50);

function compileChecked(source: string): (context: object) => string {
  checkTemplate(source);
  const render = hbs.compile(source, { strict: false, knownHelpers: Object.fromEntries(KNOWN_HELPERS.map((h) => [h, true])), knownHelpersOnly: true });
  return (context) => {
    try {
      return render(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      throw new TemplateError(MESSAGES.templateSyntax(firstLine(error)));
    }
  };
}

/** CSS can only be CSS: it cannot close its <style> element. */
export function sanitizeCss(css: string): string {
  return css.replace(/<\//g, '<\\/');
}

/** The policy every document carries, on top of the renderer's request blocking. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'";

/** A whole HTML document: fonts, base style, the template's style, then the body. */
export function htmlDocument(body: string, css: string, fontsCss: string, title: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${hbs.escapeExpression(title)}</title>
<style>${fontsCss}</style>
<style>${sanitizeCss(css)}</style>
</head><body>${body}</body></html>`;
}
