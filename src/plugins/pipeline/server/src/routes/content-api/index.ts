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
    { method: 'GET', path: '/machines/:documentId/erasure-status', handler: 'records.erasureStatus', config: {} },
    { method: 'POST', path: '/machines/:documentId/devices', handler: 'records.addDevice', config: {} },
    // A tool may add a device it found. The « no storage » attestation is a person's: the route is
    // here so that a token asking gets the French refusal (409 ATTESTATION_BY_A_PERSON), not a 404.
    { method: 'POST', path: '/machines/:documentId/no-storage-attestation', handler: 'records.attestNoStorage', config: {} },
    { method: 'GET', path: '/records/:workflow/:documentId/verify', handler: 'records.verify', config: {} },
  ],
};
