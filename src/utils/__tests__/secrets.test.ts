import { secret } from '../secrets';

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

  it('generates a development secret once and gives the same one again', () => {
    process.env.NODE_ENV = 'development';
    const first = secret('SV_TEST_GENERATED_SECRET', undefined);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(secret('SV_TEST_GENERATED_SECRET', undefined)).toBe(first);
  });
});
