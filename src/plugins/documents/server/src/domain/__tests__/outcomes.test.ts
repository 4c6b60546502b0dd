import { isPublicBody, summarize } from '../outcomes';
import { DOCUMENT_NUMBER, formatDocumentNumber } from '../kinds';

describe('what documents say', () => {
  it('treats public administrations and local authorities as public bodies, not companies or associations', () => {
    expect(isPublicBody('public_administration')).toBe(true);
    expect(isPublicBody('local_authority')).toBe(true);
    expect(isPublicBody('company')).toBe(false);
    expect(isPublicBody('association')).toBe(false);
    expect(isPublicBody(undefined)).toBe(false);
  });

  it('counts a donation’s units by their stage on the line and handovers by commune, without names', () => {
    const handed = (commune: string | null) => ({ pipelineStage: 'handed_over', prescription: { household: { commune } } });
    const { counts, byCommune } = summarize([
      handed('Brest'), handed('Brest'), handed('Guipavas'), handed(null),
      { pipelineStage: 'recycled' }, { pipelineStage: 'dismantled' }, { pipelineStage: 'ready' },
      // Reserved for a household, not yet handed over; still at Réception.
      { pipelineStage: 'reserved', prescription: { household: { commune: 'Brest' } } }, { pipelineStage: 'received' },
    ]);
    expect(counts).toEqual({ received: 9, handedOver: 4, notReusable: 2, inProgress: 3 });
    expect(byCommune).toEqual([
      { commune: 'Brest', count: 2 },
      { commune: 'Commune non renseignée', count: 1 },
      { commune: 'Guipavas', count: 1 },
    ]);
  });

  it('numbers documents by prefix and year on six digits', () => {
    expect(formatDocumentNumber('ATT', 2012, 123)).toBe('ATT-2012-000123');
    expect(DOCUMENT_NUMBER.test('ATT-2012-000123')).toBe(true);
    expect(() => formatDocumentNumber('ATT', 2012, 0)).toThrow(RangeError);
  });
});
