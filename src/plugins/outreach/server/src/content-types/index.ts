import campaignSchema from './campaign/schema';
import recipientSchema from './recipient/schema';

export default { campaign: { schema: campaignSchema }, recipient: { schema: recipientSchema } };
