import report from './report/schema';

export default { report: { schema: report } };
