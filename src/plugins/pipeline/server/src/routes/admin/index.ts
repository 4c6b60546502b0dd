const can = (action: string) => ({
  // The last one loads the volunteer at the bench on this account, named on the events the route records.
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [`plugin::pipeline.${action}`] } }, 'plugin::pipeline.station-operator'],
});

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/workflows', handler: 'workflows.list', config: can('board.read') },
    { method: 'PUT', path: '/workflows/:key', handler: 'workflows.update', config: can('settings.update') },
    { method: 'GET', path: '/actions', handler: 'workflows.actions', config: can('settings.update') },
    { method: 'GET', path: '/board/:key', handler: 'workflows.board', config: can('board.read') },
    { method: 'GET', path: '/home', handler: 'home.home', config: can('board.read') },
    { method: 'POST', path: '/bulk-transitions', handler: 'workflows.bulkMove', config: can('transition') },
    { method: 'GET', path: '/machines/by-label/:labelCode', handler: 'records.byLabel', config: can('board.read') },
    { method: 'GET', path: '/records/:workflow/:documentId', handler: 'records.show', config: can('board.read') },
    { method: 'GET', path: '/records/:workflow/:documentId/verify', handler: 'records.verify', config: can('board.read') },
    { method: 'POST', path: '/records/:workflow/:documentId/transitions', handler: 'records.move', config: can('transition') },
    { method: 'POST', path: '/records/:workflow/:documentId/checklists', handler: 'records.checklist', config: can('records.create') },
    { method: 'POST', path: '/machines/:documentId/erasures', handler: 'records.erasure', config: can('records.create') },
    { method: 'POST', path: '/erasures/nwipe', handler: 'records.nwipe', config: can('records.create') },
    { method: 'GET', path: '/machines/:documentId/erasure-status', handler: 'records.erasureStatus', config: can('board.read') },
    { method: 'POST', path: '/machines/:documentId/devices', handler: 'records.addDevice', config: can('records.create') },
    { method: 'POST', path: '/machines/:documentId/devices/:deviceDocumentId/removal', handler: 'records.removeDevice', config: can('records.create') },
    { method: 'POST', path: '/machines/:documentId/no-storage-attestation', handler: 'records.attestNoStorage', config: can('records.create') },
    { method: 'GET', path: '/prescriptions/:documentId/matches', handler: 'records.matches', config: can('board.read') },
    { method: 'GET', path: '/station/operator', handler: 'station.operator', config: can('board.read') },
    { method: 'POST', path: '/station/operator', handler: 'station.identify', config: can('records.create') },
    { method: 'DELETE', path: '/station/operator', handler: 'station.handOver', config: can('records.create') },
    { method: 'POST', path: '/machines/:documentId/parts', handler: 'records.fitPart', config: can('records.create') },
    { method: 'GET', path: '/presences/current', handler: 'presences.current', config: can('presences.sign') },
    { method: 'POST', path: '/presences/sign-in', handler: 'presences.signIn', config: can('presences.sign') },
    { method: 'POST', path: '/presences/sign-out', handler: 'presences.signOut', config: can('presences.sign') },
    { method: 'GET', path: '/team', handler: 'team.board', config: can('team.read') },
    { method: 'POST', path: '/team/:documentId/welcome', handler: 'team.welcome', config: can('team.manage') },
    { method: 'POST', path: '/team/:documentId/departure', handler: 'team.depart', config: can('team.manage') },
  ],
};
