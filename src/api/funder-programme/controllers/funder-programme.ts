import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::funder-programme.funder-programme');
