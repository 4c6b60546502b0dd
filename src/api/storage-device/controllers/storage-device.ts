import { factories } from '@strapi/strapi';

// Staff and workshop tools (API tokens): the core controller. The pipeline's Document Service
// middleware decides what may change once the unit has left Réception.
export default factories.createCoreController('api::storage-device.storage-device');
