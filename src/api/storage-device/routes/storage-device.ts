import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::storage-device.storage-device');
