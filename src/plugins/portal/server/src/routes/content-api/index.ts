// The invited person has no session yet: the single-use token is the credential, and the
// auth-throttle middleware limits guesses per IP.
export default {
  type: 'content-api',
  routes: [{ method: 'POST', path: '/invitations/accept', handler: 'invitations.accept', config: { auth: false } }],
};
