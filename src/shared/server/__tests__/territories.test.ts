import { BREST_METROPOLE_COMMUNES, communeKey, communeKeySql, PAYS_DE_BREST_COMMUNES, sameCommune } from '../territories';

describe('communes and territories', () => {
  it('takes two spellings of one commune as the same commune, whatever the case, accents, hyphens and spaces', () => {
    expect(sameCommune('Plouzané', 'plouzane')).toBe(true);
    expect(sameCommune(' PLOUZANÉ ', 'Plouzané')).toBe(true);
    expect(sameCommune('Le Relecq-Kerhuon', 'le relecq  kerhuon')).toBe(true);
    expect(sameCommune("L'Hôpital-Camfrout", 'l’hopital camfrout')).toBe(true);
    expect(sameCommune('Plouzané', 'Locmaria-Plouzané')).toBe(false);
    expect(communeKey('Pont-de-Buis-lès-Quimerch')).toBe('pont de buis les quimerch');
  });

  it('lists Brest métropole once, inside the Pays de Brest', () => {
    expect(BREST_METROPOLE_COMMUNES).toHaveLength(8);
    for (const commune of BREST_METROPOLE_COMMUNES) expect(PAYS_DE_BREST_COMMUNES).toContain(commune);
  });

  it('writes the same rule in SQL for a column', () => {
    const sql = communeKeySql('h.commune');
    expect(sql).toContain('translate(h.commune,');
    expect(sql).toMatch(/^btrim\(regexp_replace\(lower\(/);
  });
});
