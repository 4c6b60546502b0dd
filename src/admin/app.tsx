import type { StrapiApp } from '@strapi/strapi/admin';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { adminTranslations } from '../shared/labels';
import strapiFrench from './translations/strapi-fr.json';

const LANGUAGE_KEY = 'strapi-admin-language';
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

interface ListHeader {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: unknown;
}

/** An enumeration value as staff read it (the admin's translations are keyed by value). */
const EnumCell = ({ value }: { value: unknown }) => {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string') return <Typography textColor="neutral800">-</Typography>;
  return <Typography textColor="neutral800">{formatMessage({ id: value, defaultMessage: value })}</Typography>;
};

const FRENCH_EXTRAS = {
  // The users-permissions accounts: the prescribers' and donors' portals.
  User: 'Compte portail',
  'app.components.MediaLibraryBanner.intro': 'Nouvelle médiathèque ',
  'app.components.MediaLibraryBanner.text.enabled': 'Vous utilisez désormais la version remaniée.',
  'app.components.MediaLibraryBanner.button.enabled': "Lire l'annonce",
  'app.components.MediaLibraryBanner.close': 'Fermer le bandeau',
};

export default {
  config: {
    locales: ['fr'],
    translations: {
      fr: { ...strapiFrench, ...adminTranslations('fr'), ...FRENCH_EXTRAS },
      en: adminTranslations('en'),
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(app: StrapiApp) {
    // French is the workshop's working language; a user who picks English keeps it.
    if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'fr');
    // Strapi's guided tour speaks to developers (and in English): staff start on their data.
    if (!window.localStorage.getItem(GUIDED_TOUR_KEY)) {
      window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ enabled: false }));
    }
    // List views show enumeration values translated, as the edit forms do.
    app.registerHook(
      'Admin/CM/pages/ListView/inject-column-in-table',
      ({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) => ({
        layout,
        displayedHeaders: displayedHeaders.map((header) =>
          header.attribute?.type === 'enumeration' && !header.cellFormatter
            ? { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumCell value={row[header.name]} /> }
            : header
        ),
      })
    );
  },
};
