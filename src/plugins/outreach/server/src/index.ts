import contentTypes from './content-types';

/** Outreach campaigns: the data model (routes, sending and the admin page come with the plugin's services). */
export default {
  contentTypes,
};
