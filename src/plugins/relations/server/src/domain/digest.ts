/** The daily digest of next steps: which steps are due or overdue, grouped per recipient. */
import { composeMail, type MailBlock, type MailMessage } from '../../../../../shared/mail';

export interface OpenStep {
  interactionDocumentId: string;
  text: string;
  due: string;
  party: string;
  ownerId: number | null;
  ownerName: string | null;
  ownerEmail: string | null;
  /** The interaction's workshop (null: from before the network, the default workshop's). */
  workshopId?: number | null;
}

export interface DigestEntry {
  /** The owner's admin id; null for the steps nobody owns (sent to the coordinators). */
  ownerId: number | null;
  ownerName: string;
  recipients: string[];
  due: OpenStep[];
  overdue: OpenStep[];
  /** The workshop whose steps these are: one entry (one e-mail) per owner and workshop. */
  workshopId?: number | null;
  /** Its name, set when the network has several workshops (then shown in the e-mail). */
  workshopName?: string;
}

/** Groups steps (already limited to due <= today and not done) per owner, due today vs overdue. */
export function groupDigest(steps: OpenStep[], today: string, coordinators: string[]): DigestEntry[] {
  const byOwner = new Map<string, DigestEntry>();
  for (const step of steps) {
    if (step.due > today) continue;
    const key = step.ownerId == null ? 'none' : String(step.ownerId);
    let entry = byOwner.get(key);
    if (!entry) {
      entry = {
        ownerId: step.ownerId,
        ownerName: step.ownerName ?? 'Coordination',
        recipients: step.ownerId == null ? coordinators : step.ownerEmail ? [step.ownerEmail] : [],
        due: [],
        overdue: [],
      };
      byOwner.set(key, entry);
    }
    (step.due === today ? entry.due : entry.overdue).push(step);
  }
  return [...byOwner.values()].sort((a, b) => (a.ownerId ?? Infinity) - (b.ownerId ?? Infinity));
}

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The French e-mail of one digest entry; `boardUrl` is the relations board's absolute address. */
export function digestMail(entry: DigestEntry, today: string, boardUrl: string): MailMessage {
  const total = entry.due.length + entry.overdue.length;
  const line = (s: OpenStep) => `${s.party} : ${s.text} (pour le ${frDate(s.due)})`;
  const blocks: MailBlock[] = [`Bonjour ${entry.ownerName},`, `Vos prochaines étapes au ${frDate(today)}${entry.workshopName ? ` (${entry.workshopName})` : ''} :`];
  if (entry.overdue.length > 0) blocks.push(`En retard (${entry.overdue.length}) :`, { list: entry.overdue.map(line) });
  if (entry.due.length > 0) blocks.push(`Pour aujourd'hui (${entry.due.length}) :`, { list: entry.due.map(line) });
  blocks.push({ label: 'Tableau des relations', link: boardUrl }, 'Seconde Vie');
  return composeMail({ subject: `Relations donateurs : ${total} prochaine${total > 1 ? 's' : ''} étape${total > 1 ? 's' : ''} à traiter`, blocks });
}
