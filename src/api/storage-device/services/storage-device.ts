import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::storage-device.storage-device');
