/** Pure rules of e-mailing a document: addresses, SMTP failures, the message's text. */
import { composeMail, isMailAddress, paragraphs, type MailMessage } from '../../../../../shared/mail';

/** Recipients a staff member typed: "a@x.fr, b@y.fr" or a list; trimmed, de-duplicated (case-insensitive). */
export function splitAddresses(input: string | string[]): string[] {
  const parts = (Array.isArray(input) ? input : [input]).flatMap((s) => String(s).split(/[,;\s]+/));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
    if (seen.has(part.toLowerCase())) continue;
    seen.add(part.toLowerCase());
    out.push(part);
  }
  return out;
}

/** One bare address, the rule every e-mail of the app follows (src/shared/mail.ts). */
export const isAddress = (value: string): boolean => isMailAddress(value);

export const MAX_RECIPIENTS = 10;

/** A send that did not happen, as staff should read it, and the HTTP status that says so. */
export interface DeliveryFailure {
  status: 502 | 503;
  message: string;
  detail: string;
}

/** Maps a nodemailer error to a French message: unreachable server (503) or refused message (502). */
export function deliveryFailure(error: unknown): DeliveryFailure {
  const e = (error ?? {}) as { code?: string; responseCode?: number; response?: string; message?: string };
  const detail = String(e.response ?? e.message ?? error).slice(0, 2000);
  const unreachable = ['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'ECONNREFUSED', 'EDNS', 'ECONNRESET'].includes(String(e.code)) || /ECONNREFUSED|ETIMEDOUT|ENOTFOUND/.test(String(e.message));
  if (unreachable) {
    return { status: 503, detail, message: "Le serveur de messagerie est injoignable : le document n'a pas été envoyé. Réessayez plus tard (ou vérifiez SMTP_HOST et SMTP_PORT)." };
  }
  return { status: 502, detail, message: `Le serveur de messagerie a refusé l'envoi : le document n'a pas été envoyé.${e.responseCode ? ` (réponse ${e.responseCode})` : ''}` };
}

/** Some recipients refused by the SMTP server while the others got the message. */
export const partialRefusal = (rejected: string[]): string =>
  `Le serveur de messagerie a refusé ${rejected.length > 1 ? 'ces adresses' : 'cette adresse'} : ${rejected.join(', ')} ; les autres destinataires ont reçu le document.`;

/** The e-mail that carries a document: what it is, its number, how to check it; staff's note as inert text. */
export function documentMail(input: { kindLabel: string; number: string; workshop: string; verifyUrl: string; message?: string | null }): MailMessage {
  return composeMail({
    subject: `${input.kindLabel} ${input.number} — ${input.workshop}`,
    blocks: [
      'Bonjour,',
      ...paragraphs(input.message?.trim() ?? ''),
      `Veuillez trouver ci-joint le document « ${input.kindLabel} » n° ${input.number}.`,
      { label: "Son authenticité peut être vérifiée à l'adresse", link: input.verifyUrl },
      `Cordialement,\n${input.workshop}`,
    ],
  });
}
