/**
 * For an integration with an API token (Settings → API tokens, "documents" › send): e-mail an
 * issued document. Documents are issued by staff and verified on the public page.
 */
export default {
  type: 'content-api',
  routes: [{ method: 'POST', path: '/generated/:documentId/send', handler: 'sending.send', config: {} }],
};
