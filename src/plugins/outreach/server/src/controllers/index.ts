import outreach from './outreach';

export default { outreach };
