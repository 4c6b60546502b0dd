import { isSameOrigin, OFFER_MESSAGES, readOffer, validateOffer } from '../offer';

const ok = readOffer({ organisation: 'UBO', contactName: 'Jo', email: 'jo@ubo.test', quantity: '120', equipment: 'desktop', location: 'Brest' });

describe('the donation offer', () => {
  it('accepts a complete offer and ignores unknown fields', () => {
    expect(validateOffer(ok)).toEqual({});
    expect(readOffer({ ...ok, admin: 'oui' })).not.toHaveProperty('admin');
  });

  it('gives one French message per wrong field', () => {
    expect(validateOffer(readOffer({ email: 'x', phone: 'abc', quantity: '0', equipment: 'tank' }))).toEqual({
      organisation: OFFER_MESSAGES.organisationRequired,
      contactName: OFFER_MESSAGES.contactNameRequired,
      email: OFFER_MESSAGES.emailInvalid,
      phone: OFFER_MESSAGES.phoneInvalid,
      quantity: OFFER_MESSAGES.quantityInvalid,
      equipment: OFFER_MESSAGES.equipmentRequired,
      location: OFFER_MESSAGES.locationRequired,
    });
  });

  it('takes a name or an organisation made only of invisible characters (zero-width, joiners, BOM, soft hyphen, direction marks) for an empty one', () => {
    const invisible = ' \u200b\u200c\u200d\u200e\u200f\u2060\u2064\ufeff\u00ad\u202e\u2066\u3164 ';
    const errors = validateOffer(readOffer({ ...ok, organisation: invisible, contactName: '\u200b\u200b', location: '\u2060' }));
    expect(errors).toEqual({ organisation: OFFER_MESSAGES.organisationRequired, contactName: OFFER_MESSAGES.contactNameRequired, location: OFFER_MESSAGES.locationRequired });
    // Visible text keeps its letters (accents included), loses only the invisible ones.
    expect(readOffer({ ...ok, contactName: ' Jo\u200bël\u00ad Le\u202eGall ' }).contactName).toBe('Joël LeGall');
  });

  it('takes an optional postcode, spaces ignored, and refuses one that is not a postcode', () => {
    expect(validateOffer({ ...ok, postalCode: '29 600' })).toEqual({});
    expect(validateOffer({ ...ok, postalCode: '2A004' })).toEqual({});
    for (const bad of ['2960', '296001', 'Brest', '29-600']) expect(validateOffer({ ...ok, postalCode: bad })).toEqual({ postalCode: OFFER_MESSAGES.postalCodeInvalid });
  });

  it('accepts only posts from its own origin', () => {
    expect(isSameOrigin({ origin: 'https://site.test' }, 'https://site.test')).toBe(true);
    expect(isSameOrigin({ referer: 'https://site.test/donner' }, 'https://site.test')).toBe(true);
    expect(isSameOrigin({ origin: 'https://evil.test' }, 'https://site.test')).toBe(false);
    expect(isSameOrigin({}, 'https://site.test')).toBe(false);
    expect(isSameOrigin({ origin: 'https://site.test', 'sec-fetch-site': 'cross-site' }, 'https://site.test')).toBe(false);
  });
});
