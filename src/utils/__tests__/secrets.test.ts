import { secret, secretList, secretWeakness } from '../secrets';

describe('secrets', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it('uses the value from the environment when there is one', () => {
    expect(secret('SV_TEST_SECRET', 'given')).toBe('given');
  });

  it('refuses to start in production without the secret, and names it', () => {
    process.env.NODE_ENV = 'production';
    expect(() => secret('ADMIN_JWT_SECRET', undefined)).toThrow(/ADMIN_JWT_SECRET/);
  });

  it('refuses a short, repetitive or sample secret in production, in French, and names it', () => {
    process.env.NODE_ENV = 'production';
    expect(() => secret('JWT_SECRET', 'x')).toThrow("La variable d'environnement JWT_SECRET est trop faible pour la production : 1 caractère(s), il en faut au moins 24");
    expect(secretWeakness('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe('trop peu de caractères différents');
    expect(secretWeakness('toBeModified-0123456789xyz')).toMatch(/valeur d'exemple/);
    expect(() => secretList('APP_KEYS', ['q7Vd2kP9xLm4Rt8wZb1Nc6Hf', 'court'])).toThrow(/APP_KEYS/);
    expect(secret('JWT_SECRET', 'q7Vd2kP9xLm4Rt8wZb1Nc6Hf')).toBe('q7Vd2kP9xLm4Rt8wZb1Nc6Hf');
  });

  it('accepts any non-empty secret outside production', () => {
    process.env.NODE_ENV = 'development';
    expect(secret('SV_TEST_SECRET', 'x')).toBe('x');
  });

  it('generates a development secret once and gives the same one again', () => {
    process.env.NODE_ENV = 'development';
    const first = secret('SV_TEST_GENERATED_SECRET', undefined);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(secret('SV_TEST_GENERATED_SECRET', undefined)).toBe(first);
  });
});
