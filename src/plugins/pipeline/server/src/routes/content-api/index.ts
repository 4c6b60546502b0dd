// Workshop tools (a wipe station, a hardware-test script) report with an API token. Each route is
// an action of its own in Settings → API tokens; reserving and handing over stay with staff.
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/machines/by-label/:labelCode', handler: 'records.byLabel', config: {} },
    { method: 'POST', path: '/records/:workflow/:documentId/transitions', handler: 'records.move', config: {} },
    { method: 'POST', path: '/records/:workflow/:documentId/checklists', handler: 'records.checklist', config: {} },
    { method: 'POST', path: '/machines/:documentId/erasures', handler: 'records.erasure', config: {} },
    { method: 'POST', path: '/erasures/nwipe', handler: 'records.nwipe', config: {} },
    { method: 'GET', path: '/records/:workflow/:documentId/verify', handler: 'records.verify', config: {} },
  ],
};
