/**
 * A portal account belongs to one structure: a prescriber (role « Prescripteur ») or a donor
 * (role « Donateur »). The links are private: the API never shows or filters on them, only the
 * server reads them (src/portal/actor.ts) to scope every query.
 */
interface UsersPermissionsPlugin {
  contentTypes: { user: { schema: { attributes: Record<string, unknown> } } };
}

export default (plugin: UsersPermissionsPlugin): UsersPermissionsPlugin => {
  const attributes = plugin.contentTypes.user.schema.attributes;
  attributes.prescriber = { type: 'relation', relation: 'manyToOne', target: 'api::prescriber.prescriber', private: true };
  attributes.donor = { type: 'relation', relation: 'manyToOne', target: 'api::donor.donor', private: true };
  return plugin;
};
