// The same routes for workshop scripts, under /api/intake with an API token: full access, or a
// custom token given the intake actions (Settings → API tokens → Intake).
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/template', handler: 'intake.template', config: {} },
    { method: 'GET', path: '/donations', handler: 'intake.donations', config: {} },
    { method: 'POST', path: '/donations/:documentId/dry-run', handler: 'intake.dryRun', config: {} },
    { method: 'POST', path: '/donations/:documentId/import', handler: 'intake.importFile', config: {} },
    { method: 'GET', path: '/donations/:documentId/jobs', handler: 'intake.donationJobs', config: {} },
    { method: 'GET', path: '/jobs/:id', handler: 'intake.job', config: {} },
  ],
};
