import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** A job cut short by a shutdown rolled back with its transaction: say so to anyone polling. */
export default function destroy({ strapi }: { strapi: Core.Strapi }): void {
  getService(strapi, 'jobs').abandonRunning();
}
