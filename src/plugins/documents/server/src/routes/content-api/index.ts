/** No content-API routes: documents are issued by staff, verified on the public page. */
export default {
  type: 'content-api',
  routes: [],
};
