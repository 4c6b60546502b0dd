import type { StrapiApp } from '@strapi/strapi/admin';
import { adminTranslations } from '../shared/labels';

const LANGUAGE_KEY = 'strapi-admin-language';

export default {
  config: {
    locales: ['fr'],
    translations: {
      fr: {
        ...adminTranslations('fr'),
        'Auth.form.welcome.title': 'Bienvenue sur Seconde Vie',
        'Auth.form.welcome.subtitle': 'Connectez-vous à votre compte',
      },
      en: {
        ...adminTranslations('en'),
        'Auth.form.welcome.title': 'Welcome to Seconde Vie',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {
    // French is the workshop's working language; a user who picks English keeps it.
    if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'fr');
  },
};
