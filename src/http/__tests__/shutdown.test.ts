import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, shutdownTimeoutMs, trackRequests } from '../shutdown';

describe('SHUTDOWN_TIMEOUT_MS', () => {
  it('defaults to 15 s and takes a whole number of milliseconds', () => {
    expect(shutdownTimeoutMs(undefined)).toBe(DEFAULT_SHUTDOWN_TIMEOUT_MS);
    expect(shutdownTimeoutMs('')).toBe(15000);
    expect(shutdownTimeoutMs('0')).toBe(0);
    expect(shutdownTimeoutMs('30000')).toBe(30000);
  });

  it('refuses anything else, in French', () => {
    expect(() => shutdownTimeoutMs('10s')).toThrow('SHUTDOWN_TIMEOUT_MS doit être un nombre entier de millisecondes (reçu « 10s »).');
    expect(() => shutdownTimeoutMs('-1')).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });
});

describe('draining the requests in flight', () => {
  let server: http.Server;
  let release: () => void = () => undefined;

  beforeEach(async () => {
    server = http.createServer((_req, res) => {
      release = () => res.end('fini');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const get = () =>
    new Promise<{ body: string; connection: string | undefined }>((resolve, reject) => {
      http
        .get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ body, connection: res.headers.connection }));
        })
        .on('error', reject);
    });

  const started = async (requests: ReturnType<typeof trackRequests>) => {
    while (requests.count === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('resolves true once the last request in flight has ended, answered with Connection: close', async () => {
    const requests = trackRequests(server);
    const answer = get();
    await started(requests);
    const drained = requests.drain(60000);
    release();
    expect(await drained).toBe(true);
    expect(await answer).toEqual({ body: 'fini', connection: 'close' });
    expect(requests.count).toBe(0);
  });

  it('resolves false after the timeout when a request is still in flight', async () => {
    const requests = trackRequests(server);
    const answer = get();
    await started(requests);
    expect(await requests.drain(20)).toBe(false);
    expect(requests.count).toBe(1);
    release();
    await answer;
  });
});
