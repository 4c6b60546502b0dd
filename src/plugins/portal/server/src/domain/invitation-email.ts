import { composeMail, type MailMessage } from '../../../../../shared/mail';

export interface LinkMailInput {
  publicUrl: string;
  token: string;
  expiresAt: Date;
}

const frenchDateTime = (at: Date) => at.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/**
 * The invitation e-mail. The token travels in the link's fragment (#), which browsers never send
 * to a server: it stays out of access logs and Referer headers.
 */
export function invitationEmail({ publicUrl, structure, token, expiresAt }: LinkMailInput & { structure: string }): MailMessage & { link: string } {
  const link = `${publicUrl.replace(/\/+$/, '')}/portail/invitation#jeton=${encodeURIComponent(token)}`;
  const message = composeMail({
    subject: 'Votre accès au portail Seconde Vie',
    blocks: [
      'Bonjour,',
      `L'atelier Seconde Vie vous a ouvert un accès au portail pour la structure « ${structure} ».`,
      { label: 'Choisir mon mot de passe', link },
      `Ce lien ne sert qu'une fois et expire le ${frenchDateTime(expiresAt)}.\nSi vous n'attendiez pas ce message, ignorez-le.`,
    ],
  });
  return { ...message, link };
}

/**
 * The « mot de passe oublié » e-mail: the code also travels in the fragment (`#code=`), so opening
 * the link writes nothing of it to any server log.
 */
export function resetEmail({ publicUrl, token, expiresAt }: LinkMailInput): MailMessage & { link: string } {
  const link = `${publicUrl.replace(/\/+$/, '')}/portail/reinitialisation#code=${encodeURIComponent(token)}`;
  const message = composeMail({
    subject: 'Réinitialiser votre mot de passe du portail Seconde Vie',
    blocks: [
      'Bonjour,',
      'Une demande de nouveau mot de passe a été faite pour votre accès au portail Seconde Vie.',
      { label: 'Choisir un nouveau mot de passe', link },
      `Ce lien ne sert qu'une fois et expire le ${frenchDateTime(expiresAt)}.`,
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.",
      "L'atelier Seconde Vie",
    ],
  });
  return { ...message, link };
}
