import { can } from '../../permissions';

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/board', handler: 'relations.board', config: can('read') },
    { method: 'GET', path: '/staff', handler: 'relations.staff', config: can('read') },
    { method: 'GET', path: '/steps/due', handler: 'relations.dueSteps', config: can('read') },
    { method: 'POST', path: '/donors/:documentId/relationship', handler: 'relations.moveDonor', config: can('donors.manage') },
    { method: 'POST', path: '/donors/:documentId/documents', handler: 'relations.donorDocument', config: can('donors.manage') },
    { method: 'POST', path: '/interactions/:documentId/done', handler: 'relations.stepDone', config: can('donors.manage') },
    { method: 'GET', path: '/conventions/expiring', handler: 'relations.expiring', config: can('read') },
    { method: 'GET', path: '/conventions/:documentId', handler: 'relations.conventionSummary', config: can('read') },
    { method: 'POST', path: '/conventions/:documentId/state', handler: 'relations.conventionState', config: can('conventions.manage') },
    { method: 'POST', path: '/conventions/:documentId/renew', handler: 'relations.renewConvention', config: can('conventions.manage') },
    { method: 'GET', path: '/pickups', handler: 'relations.pickups', config: can('read') },
    { method: 'GET', path: '/pickups/conventions', handler: 'relations.pickupConventions', config: can('pickups.manage') },
    { method: 'POST', path: '/pickups', handler: 'relations.planPickup', config: can('pickups.manage') },
    { method: 'POST', path: '/pickups/:documentId/complete', handler: 'relations.completePickup', config: can('pickups.manage') },
    { method: 'POST', path: '/pickups/:documentId/cancel', handler: 'relations.cancelPickup', config: can('pickups.manage') },
  ],
};
