export interface InvitationInput {
  publicUrl: string;
  structure: string;
  token: string;
  expiresAt: Date;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The invitation e-mail. The token travels in the link's fragment (#), which browsers never send
 * to a server: it stays out of access logs and Referer headers.
 */
export function invitationEmail({ publicUrl, structure, token, expiresAt }: InvitationInput): { text: string; html: string; link: string } {
  const link = `${publicUrl.replace(/\/+$/, '')}/portail/invitation#jeton=${encodeURIComponent(token)}`;
  const until = expiresAt.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
  const text = [
    'Bonjour,',
    '',
    `L'atelier Seconde Vie vous a ouvert un accès au portail pour la structure « ${structure} ».`,
    'Pour choisir votre mot de passe, ouvrez ce lien :',
    link,
    '',
    `Ce lien ne sert qu'une fois et expire le ${until}.`,
    "Si vous n'attendiez pas ce message, ignorez-le.",
  ].join('\n');
  const html = [
    '<p>Bonjour,</p>',
    `<p>L'atelier Seconde Vie vous a ouvert un accès au portail pour la structure « ${escapeHtml(structure)} ».</p>`,
    `<p><a href="${escapeHtml(link)}">Choisir mon mot de passe</a></p>`,
    `<p>Ce lien ne sert qu'une fois et expire le ${escapeHtml(until)}.<br>Si vous n'attendiez pas ce message, ignorez-le.</p>`,
  ].join('\n');
  return { text, html, link };
}
