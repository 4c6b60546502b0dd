import content from './content';
import impact from './impact';
import offers from './offers';

export default { content, impact, offers };
