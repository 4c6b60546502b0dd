/**
 * The e-mail plugin's content-API route (`POST /api/email`) would let any API token send an
 * arbitrary message, HTML unescaped, from the workshop's address. Nothing in the app uses it:
 * every e-mail is built by src/shared/mail.ts. Only the admin's own routes (settings, test
 * message) stay.
 */
interface EmailPlugin {
  routes: Record<string, unknown>;
}

export default (plugin: EmailPlugin): EmailPlugin => {
  delete plugin.routes['content-api'];
  return plugin;
};
