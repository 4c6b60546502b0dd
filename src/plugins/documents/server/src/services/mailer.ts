import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { sha256 } from '../domain/hash';
import { KINDS } from '../domain/kinds';
import { deliveryFailure, documentMail, partialRefusal } from '../domain/mail';
import { MESSAGES } from '../domain/messages';
import { getService, UID } from '../utils';
import { sendMail } from '../../../../../shared/mail';
import type { Author } from './documents';
import type { DocumentSending } from '../../../../../shared/server/documents';

/** One attempt at e-mailing a document (the kernel's contract, which relations reads too). */
export type Sending = DocumentSending;

/** The SMTP server did not take the message: 503 (unreachable) or 502 (refused). The sending is recorded as failed. */
export class MailDeliveryError extends Error {
  constructor(readonly status: 502 | 503, message: string, readonly sending: Sending) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

const SENDING_FIELDS = ['id', 'documentId', 'recipients', 'status', 'error', 'sentByName', 'sentAt'] as const;

/**
 * E-mails an issued document (its stored PDF, attached) through Strapi's email plugin, and records
 * every attempt on the document: who, when, to whom, sent or failed. The document itself is never
 * touched.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async send(documentId: string, input: { to: string[]; message?: string | null }, author: Author | null): Promise<Sending> {
    const documents = getService(strapi, 'documents');
    const doc = await documents.findOne(documentId);
    const pdf = await documents.fileContent(doc);
    if (sha256(pdf) !== doc.sha256) throw new errors.ApplicationError(MESSAGES.storedFileAltered(doc.number));
    const mail = documentMail({
      kindLabel: KINDS[doc.kind].label,
      number: doc.number,
      // The workshop that issued it (its record's), as printed on it.
      workshop: doc.certified?.issuer?.name ?? (await getService(strapi, 'identity').forRecord(doc.targetUid, doc.targetDocumentId)).name,
      verifyUrl: documents.verifyUrl(doc.number),
      message: input.message,
    });
    let failure: ReturnType<typeof deliveryFailure> | null = null;
    let rejected: string[] = [];
    try {
      // nodemailer resolves when at least one recipient was accepted, and lists the refused ones.
      const info = (await sendMail(strapi, { to: input.to, attachments: [{ filename: `${doc.number}.pdf`, content: pdf, contentType: 'application/pdf' }] }, mail)) as
        | { rejected?: unknown[]; response?: string }
        | undefined;
      rejected = (info?.rejected ?? []).map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? a)));
    } catch (error) {
      failure = deliveryFailure(error);
      strapi.log.warn(`documents : envoi de ${doc.number} à ${input.to.join(', ')} impossible : ${failure.detail}`);
    }
    const sending = (await strapi.db.query(UID.sending).create({
      data: {
        document: doc.id,
        recipients: input.to,
        status: failure ? 'failed' : rejected.length > 0 ? 'partial' : 'sent',
        error: failure?.message ?? (rejected.length > 0 ? partialRefusal(rejected) : null),
        detail: failure?.detail ?? null,
        sentById: author?.id ?? null,
        sentByName: author?.name ?? null,
        sentAt: new Date(),
      },
      select: [...SENDING_FIELDS],
    })) as Sending;
    if (failure) throw new MailDeliveryError(failure.status, failure.message, sending);
    return sending;
  },

  /** Every sending of a document, newest first. */
  async forDocument(documentId: string): Promise<Sending[]> {
    return (await strapi.db.query(UID.sending).findMany({
      where: { document: { documentId } },
      select: [...SENDING_FIELDS],
      orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
    })) as Sending[];
  },
});
