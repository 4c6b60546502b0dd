// Compiled to strapi-server.js next to package.json: the entry Strapi's plugin loader requires.
import plugin from './server/src';

export = plugin;
