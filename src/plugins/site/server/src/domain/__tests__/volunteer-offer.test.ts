import { candidateNotes, readVolunteerOffer, validateVolunteerOffer } from '../volunteer-offer';

const CATALOGUE = [
  { key: 'sorting', name: 'Tri' },
  { key: 'cleaning', name: 'Nettoyage' },
];

describe('the « Devenir bénévole » form, read and checked', () => {
  it('flattens one-line fields (no CR/LF), keeps line breaks in free text, reads one or several skills', () => {
    const values = readVolunteerOffer({ name: ' Anne\r\nBcc: x@y.test ', availability: 'mardi\r\njeudi\u0007', skills: 'sorting', consent: 'oui', extra: 'ignoré' });
    expect(values).toMatchObject({ name: 'Anne Bcc: x@y.test', availability: 'mardi\njeudi', skills: ['sorting'], consent: 'oui' });
    expect(readVolunteerOffer({ skills: ['sorting', 'cleaning', 'sorting', 42] }).skills).toEqual(['sorting', 'cleaning', '\u0000']);
    expect(readVolunteerOffer(null)).toMatchObject({ name: '', skills: [] });
  });

  it('asks for a name, one way to reply, known skills and the consent', () => {
    expect(validateVolunteerOffer(readVolunteerOffer({ name: 'Anne', phone: '02 98 00 00 00', consent: 'oui' }), CATALOGUE)).toEqual({});
    const errors = validateVolunteerOffer(readVolunteerOffer({ skills: ['sorting', 'hacking'] }), CATALOGUE);
    expect(Object.keys(errors).sort()).toEqual(['consent', 'email', 'name', 'skills']);
    expect(validateVolunteerOffer(readVolunteerOffer({ name: 'Anne', email: 'anne@', consent: 'oui' }), CATALOGUE).email).toContain('n’est pas valide');
  });

  it('takes a name made only of invisible characters (zero-width space, word joiner, BOM) for an empty one', () => {
    const errors = validateVolunteerOffer(readVolunteerOffer({ name: ' \u200b\u200b\u2060\ufeff ', email: 'anne@exemple.test', consent: 'oui' }), CATALOGUE);
    expect(errors).toEqual({ name: 'Indiquez votre nom (ou un prénom et une initiale).' });
    expect(readVolunteerOffer({ name: 'An\u200bne' }).name).toBe('Anne');
  });

  it('writes the wishes in words for the record’s notes', () => {
    const notes = candidateNotes(readVolunteerOffer({ skills: ['cleaning'], wishes: 'Le samedi' }), CATALOGUE);
    expect(notes).toContain('Aimerait faire : Nettoyage.');
    expect(notes).toContain('En ses mots : Le samedi');
  });
});
