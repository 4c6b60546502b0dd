/**
 * Every e-mail the app sends is built and sent here: one list of blocks gives a text part and an
 * HTML part, every value escaped in the HTML (nothing anyone typed is ever interpreted as markup),
 * headers without line breaks, recipients checked one by one.
 *
 * Why both parts: @strapi/provider-email-nodemailer sends `html = text` when no HTML is given,
 * so a text-only message would be rendered as unescaped HTML.
 */

/** One block of a message. A plain string is a paragraph; its line breaks are kept. */
export type MailBlock =
  | string
  | { list: string[] }
  | { link: string; label: string }
  /** Text someone else wrote (a visitor, a staff note), shown apart, inert. */
  | { quote: string; label?: string };

export interface MailContent {
  subject: string;
  blocks: MailBlock[];
}

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Envelope {
  to: string | string[];
  replyTo?: string;
  attachments?: MailAttachment[];
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five characters that mean something in HTML text and attributes. */
export function escapeHtml(value: string): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Removes what could end or fold a header (CR, LF, other control characters) and cuts it to `max` characters. */
export function headerValue(value: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = String(value).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// Deliberately plain: one @, no spaces, commas, quotes or angle brackets, a dotted domain. A
// display name or a second address hidden in the field is refused, and so is any line break.
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A single bare address (`nom@domaine.fr`), at most 254 characters. */
export function isMailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && ADDRESS.test(value);
}

/** A recipient that is not one bare address: nothing is sent. */
export class MailAddressError extends Error {
  constructor(readonly address: string) {
    super(`Adresse e-mail invalide : « ${headerValue(address, 80)} ». Aucun e-mail n'est parti.`);
    this.name = 'MailAddressError';
  }
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** Splits free text into paragraphs at blank lines (line breaks inside a paragraph are kept). */
export function paragraphs(text: string): string[] {
  return String(text ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim().length > 0);
}

const STYLE = {
  body: 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;margin:0;padding:16px;',
  quote: 'border-left:3px solid #9aa5b1;margin:0 0 1em;padding:0 0 0 12px;color:#333;white-space:pre-wrap;',
};

const lines = (s: string) => escapeHtml(s).replace(/\r\n?|\n/g, '<br>');

function blockText(block: MailBlock): string {
  if (typeof block === 'string') return block;
  if ('list' in block) return block.list.map((item) => `- ${item}`).join('\n');
  if ('link' in block) return `${block.label} : ${block.link}`;
  const quoted = block.quote.replace(/\r\n?/g, '\n').split('\n').map((l) => `> ${l}`).join('\n');
  return block.label ? `${block.label}\n${quoted}` : quoted;
}

function blockHtml(block: MailBlock): string {
  if (typeof block === 'string') return `<p>${lines(block)}</p>`;
  if ('list' in block) return `<ul>${block.list.map((item) => `<li>${lines(item)}</li>`).join('')}</ul>`;
  if ('link' in block) {
    // Only web and mail links become links; anything else is shown as text.
    return SAFE_LINK.test(block.link)
      ? `<p><a href="${escapeHtml(block.link)}">${escapeHtml(block.label)}</a><br><span style="font-size:13px;color:#555">${escapeHtml(block.link)}</span></p>`
      : `<p>${escapeHtml(block.label)} : ${escapeHtml(block.link)}</p>`;
  }
  const label = block.label ? `<p>${lines(block.label)}</p>` : '';
  return `${label}<blockquote style="${STYLE.quote}">${escapeHtml(block.quote.replace(/\r\n?/g, '\n'))}</blockquote>`;
}

/** Builds the text and HTML parts of a message from the same blocks. */
export function composeMail(content: MailContent): MailMessage {
  const subject = headerValue(content.subject);
  const text = `${content.blocks.map(blockText).join('\n\n')}\n`;
  const html = [
    '<!doctype html>',
    '<html lang="fr">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.body}">`,
    ...content.blocks.map(blockHtml),
    '</body>',
    '</html>',
  ].join('\n');
  return { subject, text, html };
}

/** The message of a text written as a whole (a staff template): each paragraph escaped. */
export function textMail(subject: string, text: string): MailMessage {
  return composeMail({ subject, blocks: paragraphs(text) });
}

/** Checks every recipient; throws MailAddressError on the first that is not one bare address. */
export function recipients(to: string | string[]): string[] {
  const list = (Array.isArray(to) ? to : [to]).map((a) => (typeof a === 'string' ? a.trim() : String(a)));
  if (list.length === 0) throw new MailAddressError('');
  for (const address of list) if (!isMailAddress(address)) throw new MailAddressError(address);
  return list;
}

/** The part of Strapi this module needs: its e-mail plugin. */
export interface MailSender {
  plugin(name: 'email'): { service(name: 'email'): { send(options: Record<string, unknown>): Promise<unknown> } };
}

/**
 * Sends one message through Strapi's e-mail plugin, always with both parts. Returns what the
 * provider returns (nodemailer's info: accepted and rejected recipients).
 */
export async function sendMail(strapi: MailSender, envelope: Envelope, message: MailMessage): Promise<unknown> {
  const to = recipients(envelope.to);
  if (envelope.replyTo !== undefined && !isMailAddress(envelope.replyTo)) throw new MailAddressError(envelope.replyTo);
  return strapi.plugin('email').service('email').send({
    to: to.join(', '),
    ...(envelope.replyTo ? { replyTo: envelope.replyTo } : {}),
    subject: headerValue(message.subject),
    text: message.text,
    html: message.html,
    ...(envelope.attachments ? { attachments: envelope.attachments } : {}),
  });
}
