import type { Core } from '@strapi/strapi';
import { adoptHousehold } from './bootstrap/households';

interface DocumentContext {
  uid: string;
  action: string;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const middleware = async (ctx: DocumentContext, next: () => Promise<unknown>) => {
    if (ctx.uid !== 'api::prescription.prescription' || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const result = (await next()) as { documentId?: string } | null;
    if (result?.documentId) await adoptHousehold(strapi, result.documentId);
    return result;
  };
  strapi.documents.use(middleware as unknown as Parameters<typeof strapi.documents.use>[0]);
};
