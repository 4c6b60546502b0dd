/** The public verification page, at the root of the site: /verify/<number>, no login. */
export default {
  type: 'admin',
  prefix: '',
  routes: [
    { method: 'GET', path: '/verify/:number', handler: 'verify.show', config: { auth: false, policies: [] } },
    { method: 'POST', path: '/verify/:number', handler: 'verify.check', config: { auth: false, policies: [] } },
  ],
};
