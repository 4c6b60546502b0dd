import type { Core } from '@strapi/strapi';
import type { PortalPasswordsService } from '../../../../../shared/server/portal-passwords';
import type { PortalScopeService } from '../../../../../shared/server/scoped-controller';
import access from './access';
import accounts from './accounts';
import filing from './filing';
import pages from './pages';
import passwords from './passwords';
import scope from './scope';
import throttle from './throttle';

// The app calls these services through the kernel's contracts: each must fulfil its own.
export default {
  access,
  accounts,
  filing,
  pages,
  passwords: passwords satisfies (ctx: { strapi: Core.Strapi }) => PortalPasswordsService,
  scope: scope satisfies (ctx: { strapi: Core.Strapi }) => PortalScopeService,
  throttle,
};
