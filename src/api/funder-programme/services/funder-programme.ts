import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::funder-programme.funder-programme');
