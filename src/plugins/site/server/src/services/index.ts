import content from './content';
import impact from './impact';
import network from './network';
import offers from './offers';
import volunteers from './volunteers';

export default { content, impact, network, offers, volunteers };
