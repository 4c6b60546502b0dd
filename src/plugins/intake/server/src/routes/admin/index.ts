import { ADMIN_POLICIES } from '../../permissions';

const config = { policies: ADMIN_POLICIES };

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/template', handler: 'intake.template', config },
    { method: 'GET', path: '/donations', handler: 'intake.donations', config },
    { method: 'POST', path: '/donations/:documentId/dry-run', handler: 'intake.dryRun', config },
    { method: 'POST', path: '/donations/:documentId/import', handler: 'intake.importFile', config },
    { method: 'GET', path: '/donations/:documentId/jobs', handler: 'intake.donationJobs', config },
    { method: 'GET', path: '/jobs/:id', handler: 'intake.job', config },
  ],
};
