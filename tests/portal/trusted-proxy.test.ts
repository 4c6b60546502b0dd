import { startApp, type TestApp } from '../helpers/app';

let app: TestApp;

beforeAll(async () => {
  // One reverse proxy in front of the app, which appends the client's address to X-Forwarded-For.
  process.env.TRUSTED_PROXIES = '1';
  app = await startApp('base');
});

afterAll(async () => {
  delete process.env.TRUSTED_PROXIES;
  await app?.stop();
});

const login = (identifier: string, forwardedFor: string) =>
  app.http().post('/api/auth/local').set('X-Forwarded-For', forwardedFor).send({ identifier, password: 'x' });

describe('behind one trusted proxy (TRUSTED_PROXIES=1)', () => {
  it('counts the address the proxy saw, not what the client wrote to the left of it', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect((await login(`tournant-${i}@example.test`, `10.0.0.${i}, 192.0.2.10`)).status).toBe(400);
    }
    const blocked = await login('dernier@example.test', '10.9.9.9, 8.8.8.8, 192.0.2.10');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('another client behind the same proxy keeps its own allowance', async () => {
    expect((await login('voisin@example.test', '192.0.2.99')).status).toBe(400);
    const { rows } = await app.sql.query(`SELECT DISTINCT bucket FROM sv_auth_attempts WHERE bucket LIKE 'ip:%' ORDER BY bucket`);
    expect(rows.map((r) => r.bucket)).toEqual(['ip:192.0.2.10', 'ip:192.0.2.99']);
  });
});
