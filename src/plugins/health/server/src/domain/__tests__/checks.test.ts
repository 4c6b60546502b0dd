import { CheckTimeout, report, runCheck, withTimeout } from '../checks';

describe('readiness checks', () => {
  it('times out work that takes too long, and lets quick work through', async () => {
    await expect(withTimeout(new Promise((resolve) => setTimeout(resolve, 200)), 20)).rejects.toBeInstanceOf(CheckTimeout);
    await expect(withTimeout(Promise.resolve(42), 200)).resolves.toBe(42);
  });

  it('never passes a raw error on, only the explanation', async () => {
    const result = await runCheck(
      () => Promise.reject(new Error('connect ECONNREFUSED postgres://sv:secret@db:5432/sv')),
      () => 'La base de données est injoignable.',
    );
    expect(result).toEqual({ status: 'error', reason: 'La base de données est injoignable.' });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('is ok only when every check is', () => {
    expect(report({ a: { status: 'ok' }, b: { status: 'ok' } }).status).toBe('ok');
    expect(report({ a: { status: 'ok' }, b: { status: 'error', reason: 'x' } }).status).toBe('error');
  });
});
