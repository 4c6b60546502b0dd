/** The public verification page, at the root of the site: /verify/<number>, no login. */
export default {
  type: 'admin',
  prefix: '',
  routes: [
    { method: 'GET', path: '/verify/:number', handler: 'verify.show', config: { auth: false, policies: [] } },
    { method: 'POST', path: '/verify/:number', handler: 'verify.check', config: { auth: false, policies: [] } },
    // Anything else under /verify (another method, a deeper path, none) is the French 404 page, never JSON.
    { method: 'ALL', path: '/verify', handler: 'verify.notFound', config: { auth: false, policies: [] } },
    { method: 'ALL', path: '/verify/(.*)', handler: 'verify.notFound', config: { auth: false, policies: [] } },
  ],
};
