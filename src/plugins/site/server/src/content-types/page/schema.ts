/** A public page; its body is Markdown, rendered with every character of HTML escaped. */
export default {
  kind: 'collectionType',
  collectionName: 'site_pages',
  info: {
    singularName: 'page',
    pluralName: 'pages',
    displayName: 'Page du site public',
    description: 'Les textes des pages publiques (Markdown : ## titre, - liste, **gras**, [lien](https://…))',
  },
  options: { draftAndPublish: false },
  pluginOptions: { 'content-manager': { visible: true }, 'content-type-builder': { visible: false }, i18n: { localized: false } },
  attributes: {
    slug: { type: 'string', required: true, unique: true, maxLength: 60, regex: '^[a-z0-9-]+$' },
    title: { type: 'string', required: true, maxLength: 120 },
    metaDescription: { type: 'string', required: true, maxLength: 200 },
    navLabel: { type: 'string', maxLength: 40 },
    body: { type: 'text', required: true, maxLength: 30000 },
    order: { type: 'integer', default: 0 },
    published: { type: 'boolean', default: true, required: true },
  },
};
