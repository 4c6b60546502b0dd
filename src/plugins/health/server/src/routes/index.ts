const open = { auth: false as const, policies: [] };

/** Probes for a reverse proxy, systemd or monitoring: no login, nothing sensitive in the answer. */
export default {
  probes: {
    type: 'admin',
    prefix: '',
    routes: [
      { method: 'GET', path: '/_health/live', handler: 'health.live', config: open },
      { method: 'GET', path: '/_health/ready', handler: 'health.ready', config: open },
    ],
  },
};
