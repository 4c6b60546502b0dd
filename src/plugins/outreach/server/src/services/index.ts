import audience from './audience';
import campaigns from './campaigns';
import clock from './clock';
import sender from './sender';

export default { audience, campaigns, clock, sender };
