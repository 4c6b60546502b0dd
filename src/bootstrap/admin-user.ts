import type { Core } from '@strapi/strapi';

interface UserService {
  exists(where?: Record<string, unknown>): Promise<boolean>;
  create(attrs: Record<string, unknown>): Promise<{ id: number }>;
}

/** Development and demo defaults; production has none (see .env.example). */
export const DEV_ADMIN = { email: 'admin@seconde-vie.test', password: 'SecondeVie-2012' };

/**
 * Creates the first super-admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists yet.
 * Outside production the demo credentials apply when those are unset.
 */
export async function ensureFirstAdmin(strapi: Core.Strapi): Promise<void> {
  const users = strapi.service('admin::user') as unknown as UserService;
  if (await users.exists()) return;
  const production = process.env.NODE_ENV === 'production';
  const email = (process.env.ADMIN_EMAIL || (production ? '' : DEV_ADMIN.email)).toLowerCase();
  const password = process.env.ADMIN_PASSWORD || (production ? '' : DEV_ADMIN.password);
  if (!email || !password) {
    strapi.log.warn("Aucun administrateur : définissez ADMIN_EMAIL et ADMIN_PASSWORD, ou créez-le sur /admin.");
    return;
  }
  const superAdmin = (await strapi.service('admin::role').getSuperAdmin()) as { id: number };
  await users.create({
    email,
    password,
    firstname: process.env.ADMIN_FIRSTNAME || 'Coordination',
    lastname: process.env.ADMIN_LASTNAME || 'Seconde Vie',
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
    preferedLanguage: 'fr',
  });
  strapi.log.info(`Super-administrateur créé : ${email}`);
}
