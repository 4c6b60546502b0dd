import { can } from '../../permissions';

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/campaigns', handler: 'outreach.list', config: can('read') },
    { method: 'GET', path: '/merge-fields', handler: 'outreach.mergeFields', config: can('read') },
    { method: 'POST', path: '/audience', handler: 'outreach.audience', config: can('read') },
    { method: 'POST', path: '/preview', handler: 'outreach.preview', config: can('read') },
    { method: 'POST', path: '/campaigns', handler: 'outreach.create', config: can('send') },
    { method: 'GET', path: '/campaigns/:documentId', handler: 'outreach.findOne', config: can('read') },
    { method: 'PUT', path: '/campaigns/:documentId', handler: 'outreach.update', config: can('send') },
    { method: 'DELETE', path: '/campaigns/:documentId', handler: 'outreach.remove', config: can('send') },
    { method: 'GET', path: '/campaigns/:documentId/recipients', handler: 'outreach.recipients', config: can('read') },
    { method: 'GET', path: '/campaigns/:documentId/progress', handler: 'outreach.progress', config: can('read') },
    { method: 'POST', path: '/campaigns/:documentId/send', handler: 'outreach.send', config: can('send') },
    { method: 'POST', path: '/campaigns/:documentId/letters', handler: 'outreach.letters', config: can('send') },
    { method: 'GET', path: '/campaigns/:documentId/letters', handler: 'outreach.downloadLetters', config: can('read') },
    { method: 'POST', path: '/campaigns/:documentId/reminders', handler: 'outreach.remind', config: can('send') },
    { method: 'PUT', path: '/recipients/:documentId/outcome', handler: 'outreach.setOutcome', config: can('send') },
  ],
};
