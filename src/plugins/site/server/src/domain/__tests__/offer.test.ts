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

  it('accepts only posts from its own origin', () => {
    expect(isSameOrigin({ origin: 'https://site.test' }, 'https://site.test')).toBe(true);
    expect(isSameOrigin({ referer: 'https://site.test/donner' }, 'https://site.test')).toBe(true);
    expect(isSameOrigin({ origin: 'https://evil.test' }, 'https://site.test')).toBe(false);
    expect(isSameOrigin({}, 'https://site.test')).toBe(false);
    expect(isSameOrigin({ origin: 'https://site.test', 'sec-fetch-site': 'cross-site' }, 'https://site.test')).toBe(false);
  });
});
