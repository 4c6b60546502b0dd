import content from './content';
import impact from './impact';
import offers from './offers';
import volunteers from './volunteers';

export default { content, impact, offers, volunteers };
