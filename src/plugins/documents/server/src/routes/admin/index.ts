import { PERMISSION } from '../../domain/permissions';

const policies = (action: string) => ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }];

/** Admin routes, under /documents, for logged-in staff with the plugin's permissions. */
export default {
  type: 'admin',
  routes: [
    { method: 'POST', path: '/preview', handler: 'documents.preview', config: { policies: policies(PERMISSION.generate) } },
    { method: 'POST', path: '/generate', handler: 'documents.generate', config: { policies: policies(PERMISSION.generate) } },
    { method: 'GET', path: '/generated', handler: 'documents.list', config: { policies: policies(PERMISSION.read) } },
    { method: 'GET', path: '/generated/:documentId/download', handler: 'documents.download', config: { policies: policies(PERMISSION.read) } },
    { method: 'POST', path: '/generated/:documentId/send', handler: 'sending.send', config: { policies: policies(PERMISSION.generate) } },
    { method: 'GET', path: '/generated/:documentId/recipients', handler: 'sending.recipients', config: { policies: policies(PERMISSION.generate) } },
    { method: 'GET', path: '/generated/:documentId/sendings', handler: 'sending.sendings', config: { policies: policies(PERMISSION.read) } },
    { method: 'POST', path: '/batches', handler: 'sending.startBatch', config: { policies: policies(PERMISSION.generate) } },
    { method: 'GET', path: '/batches/:id', handler: 'sending.batch', config: { policies: policies(PERMISSION.generate) } },
    { method: 'GET', path: '/batches/:id/download', handler: 'sending.batchArchive', config: { policies: policies(PERMISSION.generate) } },
    { method: 'GET', path: '/templates', handler: 'templates.list', config: { policies: policies(PERMISSION.manageTemplates) } },
    { method: 'PUT', path: '/templates/:documentId', handler: 'templates.update', config: { policies: policies(PERMISSION.manageTemplates) } },
    { method: 'GET', path: '/records', handler: 'templates.records', config: { policies: policies(PERMISSION.generate) } },
    { method: 'GET', path: '/volunteers/:documentId/badge', handler: 'badges.volunteerBadge', config: { policies: policies(PERMISSION.generate) } },
    { method: 'POST', path: '/templates/:documentId/reset', handler: 'templates.reset', config: { policies: policies(PERMISSION.manageTemplates) } },
  ],
};
