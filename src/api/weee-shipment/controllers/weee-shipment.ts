import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::weee-shipment.weee-shipment');
