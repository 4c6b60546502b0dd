import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::weee-shipment.weee-shipment');
