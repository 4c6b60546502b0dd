import plugin from './server/src';

export = plugin;
