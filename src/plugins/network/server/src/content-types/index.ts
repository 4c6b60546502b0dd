import transferSchema from './transfer/schema';

export default { transfer: { schema: transferSchema } };
