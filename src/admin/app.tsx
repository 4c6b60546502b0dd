import type { StrapiApp } from '@strapi/strapi/admin';
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { adminTranslations } from '../shared/labels';
import { hintIn } from '../shared/field-hints';
import strapiFrench from './translations/strapi-fr.json';
import projectPackage from '../../package.json';
import { commitDateOnEnter } from './date-enter';

const LANGUAGE_KEY = 'strapi-admin-language';
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';
/** Strapi's « new media library » banner, dismissed per project (`strapi.uuid` in package.json) and per flag value. */
const MEDIA_BANNER_KEYS = [false, true].map((legacy) => `STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${legacy}:${projectPackage.strapi?.uuid ?? false}`);

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

interface EditField {
  hint?: unknown;
}

interface EditViewLayout {
  layout: EditField[][][];
  components?: Record<string, { layout: EditField[][] } & Record<string, unknown>>;
}

/** The user's admin language (the app's translations exist in French and English). */
const language = (): 'fr' | 'en' => (window.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'fr');

/** Hints under the edit form's fields are stored in French (the views' settings): shown in the user's language. */
function translatedHints(layout: EditViewLayout): EditViewLayout {
  const lang = language();
  if (lang === 'fr') return layout;
  const field = (f: EditField): EditField => (typeof f.hint === 'string' && f.hint ? { ...f, hint: hintIn(lang, f.hint) } : f);
  const rows = (r: EditField[][]) => r.map((row) => row.map(field));
  return {
    ...layout,
    layout: layout.layout.map(rows),
    components: layout.components && Object.fromEntries(Object.entries(layout.components).map(([uid, c]) => [uid, { ...c, layout: rows(c.layout) }])),
  };
}

interface ListFilter {
  name: string;
  label?: unknown;
}

/** Record identifiers are internal: staff filter on what they read. */
const INTERNAL_FILTERS = ['id', 'documentId'];
/** Strapi labels its own date fields with their names; staff read French. */
const DATE_FILTER_LABELS: Record<string, { id: string; defaultMessage: string }> = {
  createdAt: { id: 'seconde-vie.filters.createdAt', defaultMessage: 'Créé le' },
  updatedAt: { id: 'seconde-vie.filters.updatedAt', defaultMessage: 'Modifié le' },
};

/**
 * Labels the design system's date and time pickers carry in English whatever the language (the
 * content manager passes no translation for them): screen readers and tooltips read them.
 */
const PICKER_LABELS_FR: Record<string, string> = { 'Choose date': 'Choisir une date', 'Choose time': 'Choisir une heure', Year: 'Année', Month: 'Mois' };

function frenchPickerLabels(): void {
  const label = (element: Element) => {
    const french = PICKER_LABELS_FR[element.getAttribute('aria-label') ?? ''];
    if (french) element.setAttribute('aria-label', french);
  };
  const translate = (node: Node) => {
    if (!(node instanceof Element)) return;
    label(node);
    for (const element of Array.from(node.querySelectorAll('[aria-label]'))) label(element);
  };
  new MutationObserver((mutations) => {
    if (language() !== 'fr') return;
    for (const m of mutations) {
      if (m.type === 'attributes') label(m.target as Element);
      else m.addedNodes.forEach(translate);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
}

/** Strapi's home widgets (`pluginId.id`) staff have no use for. */
const STRAPI_WIDGETS_HIDDEN = ['admin.key-statistics', 'admin.deploy-now', 'content-manager.last-published-entries', 'content-manager.chart-entries'];

const FRENCH_EXTRAS = {
  // The users-permissions accounts: the prescribers' and donors' portals.
  User: 'Compte portail',
  'seconde-vie.filters.createdAt': 'Créé le',
  'seconde-vie.filters.updatedAt': 'Modifié le',
};

const ENGLISH_EXTRAS = {
  'seconde-vie.filters.createdAt': 'Created on',
  'seconde-vie.filters.updatedAt': 'Updated on',
};

export default {
  config: {
    locales: ['fr'],
    translations: {
      fr: { ...strapiFrench, ...adminTranslations('fr'), ...FRENCH_EXTRAS },
      en: { ...adminTranslations('en'), ...ENGLISH_EXTRAS },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    // The home page shows the workshop's widgets; Strapi's own speak to developers (API tokens,
    // webhooks, deployment) or about drafts and publishing, which the workshop does not use.
    app.widgets.register((widgets) => widgets.filter((w) => !STRAPI_WIDGETS_HIDDEN.includes(`${w.pluginId}.${w.id}`)));
  },
  bootstrap(app: StrapiApp) {
    // French is the workshop's working language; a user who picks English keeps it.
    if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'fr');
    // Strapi's guided tour speaks to developers (and in English): staff start on their data.
    if (!window.localStorage.getItem(GUIDED_TOUR_KEY)) {
      window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ enabled: false }));
    }
    // Filters offer what staff read: no internal ids, dates named in the user's language.
    app.registerHook('Admin/CM/pages/ListView/inject-in-filters', ({ displayedFilters, layout }: { displayedFilters: ListFilter[]; layout: unknown }) => ({
      layout,
      displayedFilters: displayedFilters
        .filter((filter) => !INTERNAL_FILTERS.includes(filter.name))
        .map((filter) => (DATE_FILTER_LABELS[filter.name] && (!filter.label || filter.label === filter.name) ? { ...filter, label: DATE_FILTER_LABELS[filter.name] } : filter)),
    }));
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', ({ layout, ...rest }: { layout: EditViewLayout }) => ({ ...rest, layout: translatedHints(layout) }));
    frenchPickerLabels();
    // Enter in a date field takes the typed date first (then saves with Ctrl/Cmd + Enter).
    commitDateOnEnter();
    // A banner about Strapi's media library on every page speaks to developers, not to staff.
    for (const key of MEDIA_BANNER_KEYS) if (window.localStorage.getItem(key) === null) window.localStorage.setItem(key, 'true');
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
