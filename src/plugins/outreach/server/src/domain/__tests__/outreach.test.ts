import { communesOf, parseAudience } from '../audience';
import { checkMergeTemplate, renderMessage, type MergeContext } from '../merge';
import { isReminderDue } from '../reminders';

const CONTEXT: MergeContext = {
  structure: { name: "Collège Penn ar C'hleuz", kind: 'collège', address: '', postalCode: '29200', commune: 'Brest' },
  contact: { name: 'Mme <Le Goff>', role: 'Assistante sociale' },
  workshop: { name: 'Seconde Vie' },
  campaign: { name: 'Rentrée' },
  today: '3 septembre 2012',
};

describe('audience filter', () => {
  it('accepts prescriber kinds and a named territory, and expands the territory to its communes', () => {
    const { audience } = parseAudience({ target: 'prescriber', kinds: ['ccas'], territories: ['brest-metropole'] });
    expect(audience).toEqual({ target: 'prescriber', kinds: ['ccas'], territories: ['brest-metropole'] });
    expect(communesOf(audience!)).toContain('Le Relecq-Kerhuon');
    expect(communesOf({ target: 'donor' })).toBeNull();
  });

  it('names the field and the value it refuses', () => {
    expect(parseAudience({ target: 'prescriber', kinds: ['company'] }).problems[0]).toContain('audience.kinds : valeur inconnue « company »');
    expect(parseAudience({ target: 'prescriber', relationships: ['partner'] }).problems[0]).toContain('audience.relationships');
    expect(parseAudience({ target: 'donor', colour: 'red' }).problems[0]).toContain('champ inconnu « colour »');
    expect(parseAudience('collèges').problems).toHaveLength(1);
  });
});

describe('merge fields', () => {
  it('refuses an unknown field, a raw {{{ }}}, a partial and an #each block, naming the text', () => {
    expect(() => checkMergeTemplate('Bonjour {{contact.nom}}', 'Texte')).toThrow('Texte : champ de fusion inconnu « {{contact.nom}} »');
    expect(() => checkMergeTemplate('{{{structure.name}}}', 'Objet')).toThrow(/^Objet : /);
    expect(() => checkMergeTemplate('{{> header}}', 'Texte')).toThrow(/^Texte : /);
    expect(() => checkMergeTemplate('{{#each structure}}x{{/each}}', 'Texte')).toThrow('« #each »');
    expect(() => checkMergeTemplate('{{#if contact.name}}{{contact.name}}{{else}}Madame, Monsieur{{/if}}', 'Texte')).not.toThrow();
  });

  it('fills plain text without HTML entities, and escapes the HTML part', () => {
    const m = renderMessage('Pour le {{structure.name}}', 'Bonjour {{contact.name}},\n\nÀ {{structure.commune}}.', CONTEXT);
    expect(m.subject).toBe("Pour le Collège Penn ar C'hleuz");
    expect(m.text).toBe('Bonjour Mme <Le Goff>,\n\nÀ Brest.');
    expect(m.html).toContain('<p>Bonjour Mme &lt;Le Goff&gt;,</p>\n<p>À Brest.</p>');
    expect(m.paragraphs).toEqual(['Bonjour Mme <Le Goff>,', 'À Brest.']);
  });
});

describe('reminders', () => {
  const now = new Date('2012-10-01T12:00:00Z');
  it('is due N days after the last mail, only without an answer', () => {
    const sent = { outcome: 'no_answer', delivery: 'sent', sentAt: '2012-09-09T12:00:00Z', remindedAt: null };
    expect(isReminderDue(sent, 21, now)).toBe(true);
    expect(isReminderDue(sent, 23, now)).toBe(false);
    expect(isReminderDue({ ...sent, outcome: 'answered' }, 21, now)).toBe(false);
    expect(isReminderDue({ ...sent, delivery: 'failed' }, 21, now)).toBe(false);
    expect(isReminderDue({ ...sent, remindedAt: '2012-09-20T12:00:00Z' }, 21, now)).toBe(false);
  });
});
