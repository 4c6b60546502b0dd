import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::weee-shipment.weee-shipment');
