import Handlebars from 'handlebars';
import { compileTemplate, KNOWN_HELPERS, TemplateError } from '../../../../../shared/server/templating';
import { textMail } from '../../../../../shared/mail';

/** The merge fields a campaign's subject and body may use, with what staff see in the editor. */
export const MERGE_FIELDS: Record<string, string> = {
  'structure.name': 'Nom de la structure',
  'structure.kind': 'Type de structure (collège, CCAS…)',
  'structure.address': 'Adresse',
  'structure.postalCode': 'Code postal',
  'structure.commune': 'Commune',
  'contact.name': 'Nom du contact',
  'contact.role': 'Fonction du contact',
  'workshop.name': "Nom de l'atelier",
  'workshop.address': "Adresse de l'atelier",
  'workshop.postalCode': "Code postal de l'atelier",
  'workshop.commune': "Commune de l'atelier",
  'workshop.email': "E-mail de l'atelier",
  'workshop.phone': "Téléphone de l'atelier",
  'workshop.signatoryName': 'Signataire',
  'workshop.signatoryRole': 'Fonction du signataire',
  'campaign.name': 'Nom de la campagne',
  today: 'Date du jour',
};

export interface MergeContext {
  structure: { name: string; kind: string; address: string; postalCode: string; commune: string };
  contact: { name: string; role: string };
  workshop: Record<string, string>;
  campaign: { name: string };
  today: string;
}

const BLOCKS = new Set(['if', 'unless']);
const HELPERS = new Set(KNOWN_HELPERS);

/**
 * Refuses what the documents' sandbox refuses ({{{ }}}, partials, unknown helpers) and, on top,
 * any merge field that does not exist, naming it. `label` says which text (« Objet », « Texte »).
 */
export function checkMergeTemplate(source: string, label: string): void {
  try {
    compileTemplate(source);
  } catch (error) {
    throw new TemplateError(`${label} : ${(error as Error).message}`);
  }
  const visit = (node: hbs.AST.Node | null | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        (node as hbs.AST.Program).body.forEach(visit);
        return;
      case 'MustacheStatement':
      case 'SubExpression': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.params.length === 0) field(m.path);
        m.params.forEach(visit);
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = b.path.type === 'PathExpression' ? (b.path as hbs.AST.PathExpression).original : '';
        if (!BLOCKS.has(name)) throw new TemplateError(`${label} : le bloc « #${name} » n'est pas disponible dans une campagne (seuls #if et #unless le sont).`);
        b.params.forEach(visit);
        visit(b.program);
        visit(b.inverse);
        return;
      }
      case 'PathExpression':
        field(node as hbs.AST.PathExpression);
        return;
      default:
        return;
    }
  };
  const field = (path: hbs.AST.Expression) => {
    if (path.type !== 'PathExpression') return;
    const name = (path as hbs.AST.PathExpression).original;
    if (!(name in MERGE_FIELDS) && !HELPERS.has(name)) {
      throw new TemplateError(`${label} : champ de fusion inconnu « {{${name}}} » (disponibles : ${Object.keys(MERGE_FIELDS).map((f) => `{{${f}}}`).join(', ')}).`);
    }
  };
  visit(Handlebars.parse(source));
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x60;': '`', '&#x3D;': '=' };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (m) => ENTITIES[m] ?? m);

export interface RenderedMessage {
  subject: string;
  /** Plain text, as typed, with the fields filled. */
  text: string;
  /** The same as an HTML document of paragraphs, everything escaped (src/shared/mail.ts). */
  html: string;
  /** The body's paragraphs as plain text (for the letters' template, which escapes them itself). */
  paragraphs: string[];
}

/** Fills a checked subject and body for one recipient. */
export function renderMessage(subject: string, body: string, context: MergeContext): RenderedMessage {
  const text = unescape(compileTemplate(body)(context)).replace(/\r\n/g, '\n').trim();
  // Both parts from the filled text: what staff typed and the merged values alike are inert in HTML.
  const message = textMail(unescape(compileTemplate(subject)(context)).replace(/\s+/g, ' ').trim(), text);
  return { subject: message.subject, text, html: message.html, paragraphs: text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean) };
}
