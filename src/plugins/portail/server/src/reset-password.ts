import type { Core } from '@strapi/strapi';
import { publicLink } from '../../../../shared/server/public-url';

const RESET_PATH = '/portail/reinitialisation';

const FRENCH_RESET = {
  object: 'Réinitialiser votre mot de passe du portail Seconde Vie',
  message: `<p>Bonjour,</p>
<p>Une demande de nouveau mot de passe a été faite pour votre accès au portail Seconde Vie.</p>
<p>Pour choisir un nouveau mot de passe, ouvrez ce lien :</p>
<p><a href="<%= URL %>?code=<%= TOKEN %>"><%= URL %>?code=<%= TOKEN %></a></p>
<p>Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe ne change pas.</p>
<p>L'atelier Seconde Vie</p>`,
};

/**
 * users-permissions' « mot de passe oublié » e-mail points at the portal's page and speaks French.
 * Only what is still at Strapi's defaults is changed: a link or a text staff set stays theirs.
 */
export async function configureResetPassword(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const resetPage = publicLink(strapi, RESET_PATH);
  const advanced = ((await store.get({ key: 'advanced' })) as Record<string, unknown> | null) ?? {
    unique_email: true,
    allow_register: false,
    email_confirmation: false,
    email_confirmation_redirection: null,
    default_role: 'authenticated',
  };
  // Ours when it points at the portal's page: it follows the public address (PUBLIC_URL may change between starts).
  const current = typeof advanced.email_reset_password === 'string' ? advanced.email_reset_password : '';
  if ((!current || current.endsWith(RESET_PATH)) && current !== resetPage) {
    await store.set({ key: 'advanced', value: { ...advanced, email_reset_password: resetPage } });
  }

  const email = (await store.get({ key: 'email' })) as Record<string, { options?: Record<string, unknown> }> | null;
  const reset = email?.reset_password;
  if (email && reset?.options && reset.options.object === 'Reset password') {
    const defaultFrom = String(strapi.config.get('plugin::email.settings.defaultFrom', '') ?? '');
    const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(defaultFrom);
    const from = match ? { name: match[1] || 'Seconde Vie', email: match[2] } : { name: 'Seconde Vie', email: defaultFrom || 'no-reply@seconde-vie.test' };
    await store.set({ key: 'email', value: { ...email, reset_password: { ...reset, options: { ...reset.options, from, ...FRENCH_RESET } } } });
  }
}
