import bilan from './bilan';
import clock from './clock';
import dashboard from './dashboard';
import reports from './reports';
import weee from './weee';

export default { bilan, clock, dashboard, reports, weee };
