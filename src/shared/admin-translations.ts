/**
 * A local plugin's `registerTrads`: loads `translations/<locale>.json` through the plugin's own
 * `load` (the dynamic import must stay in the plugin's file so the bundler finds its JSON files)
 * and prefixes every key with the plugin's id, as the admin's i18n expects. A locale without a
 * file gets no messages, so the French defaults of the components show.
 */
export type Messages = Record<string, string>;

export function pluginTranslations(pluginId: string, load: (locale: string) => Promise<{ default: Messages }>) {
  return async ({ locales }: { locales: string[] }) =>
    Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await load(locale);
          return { data: Object.fromEntries(Object.entries(data).map(([key, value]) => [`${pluginId}.${key}`, value])), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
}
