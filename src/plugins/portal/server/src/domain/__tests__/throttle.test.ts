import { normalizeIdentifier, retryAfterSeconds, throttledRoute } from '../throttle';

describe('throttle rules', () => {
  it('normalises an identifier whatever its case, spaces and Unicode form', () => {
    expect(normalizeIdentifier('  Jean.Dupont@CCAS-Brest.fr ')).toBe('jean.dupont@ccas-brest.fr');
    expect(normalizeIdentifier('jean .dupont@ccas-brest.fr')).toBe('jean.dupont@ccas-brest.fr');
    expect(normalizeIdentifier('ｊｅａｎ@ccas-brest.fr')).toBe('jean@ccas-brest.fr');
    expect(normalizeIdentifier(42)).toBe('');
  });

  it('recognises the throttled routes however the path is written', () => {
    expect(throttledRoute('POST', '/API/auth/local/')).toBe('/api/auth/local');
    expect(throttledRoute('post', '/api//auth/forgot-password')).toBe('/api/auth/forgot-password');
    expect(throttledRoute('GET', '/api/auth/local')).toBeNull();
    expect(throttledRoute('POST', '/api/prescriptions')).toBeNull();
  });

  it('answers how long to wait only when a bucket is over its limit', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const oldest = new Date('2026-01-01T11:50:00Z');
    expect(retryAfterSeconds([{ bucket: 'ip', count: 20, limit: 20, oldest }], 15 * 60000, now)).toBeNull();
    expect(retryAfterSeconds([{ bucket: 'ip', count: 21, limit: 20, oldest }], 15 * 60000, now)).toBe(300);
  });
});
