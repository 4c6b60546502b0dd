import { call, type Instance } from '../helpers/instances';

/**
 * Creates an e-mail campaign to every demo collège through `creator`'s admin routes and sends it
 * through `sender`'s; returns its documentId and the number of e-mails queued.
 */
export async function sendCollegeCampaign(creator: Instance, sender: Instance, token: string, subjectPrefix: string): Promise<{ id: string; emails: number }> {
  const created = await call(creator, 'POST', '/outreach/campaigns', token, {
    name: subjectPrefix,
    audience: { target: 'prescriber', kinds: ['college'] },
    channel: 'email',
    subject: `${subjectPrefix} : {{structure.name}}`,
    body: 'Bonjour {{contact.name}},\n\nTexte.',
    reminderDays: 21,
  });
  if (created.status !== 201) throw new Error(`campagne : ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.data.documentId as string;
  const sent = await call(sender, 'POST', `/outreach/campaigns/${id}/send`, token);
  if (sent.status !== 200) throw new Error(`envoi : ${sent.status} ${JSON.stringify(sent.body)}`);
  return { id, emails: sent.body.data.emails as number };
}
