import type { Core } from '@strapi/strapi';
import type { DocumentsMailer, DocumentsService, WorkshopIdentityService } from '../../../../../shared/server/documents';
import type { RendererService } from '../../../../../shared/server/renderer';
import access from './access';
import batches from './batches';
import context from './context';
import documents from './documents';
import erasures from './erasures';
import identity from './identity';
import mailer from './mailer';
import recipients from './recipients';
import renderer from './renderer';
import storage from './storage';
import templates from './templates';

// Other plugins call these services through the kernel's contracts: each must fulfil its own.
export default {
  access,
  batches,
  context,
  documents: documents satisfies (ctx: { strapi: Core.Strapi }) => DocumentsService,
  erasures,
  identity: identity satisfies (ctx: { strapi: Core.Strapi }) => WorkshopIdentityService,
  mailer: mailer satisfies (ctx: { strapi: Core.Strapi }) => DocumentsMailer,
  recipients,
  renderer: renderer satisfies (ctx: { strapi: Core.Strapi }) => RendererService,
  storage,
  templates,
};
