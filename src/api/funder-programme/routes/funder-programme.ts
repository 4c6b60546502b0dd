import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::funder-programme.funder-programme');
