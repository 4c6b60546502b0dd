import generatedDocument from './generated-document/schema';
import sending from './sending/schema';
import settings from './settings/schema';
import template from './template/schema';

export default {
  template: { schema: template },
  'generated-document': { schema: generatedDocument },
  sending: { schema: sending },
  settings: { schema: settings },
};
