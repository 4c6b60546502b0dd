import accessLogSchema from './access-log/schema';

export default { 'access-log': { schema: accessLogSchema } };
