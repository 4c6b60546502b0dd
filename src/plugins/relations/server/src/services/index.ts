import clock from './clock';
import conventions from './conventions';
import donors from './donors';
import impact from './impact';
import pickups from './pickups';
import steps from './steps';

export default { clock, conventions, donors, impact, pickups, steps };
