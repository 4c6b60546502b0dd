import intake from './intake';

export default { intake };
