import { jobLogLine, jobsSettings } from '../jobs';

describe('job settings', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(jobsSettings({}, true)).toEqual({ poolMax: 4, pollingSeconds: 2, stopTimeoutMs: 20_000, schedulesEnabled: true });
  });

  it('reads each setting from the environment', () => {
    expect(jobsSettings({ JOBS_POOL_MAX: '6', JOBS_POLLING_SECONDS: '0.5', JOBS_STOP_TIMEOUT_SECONDS: '45' }, false)).toEqual({
      poolMax: 6,
      pollingSeconds: 0.5,
      stopTimeoutMs: 45_000,
      schedulesEnabled: false,
    });
  });

  it.each([
    ['JOBS_POOL_MAX', '1'],
    ['JOBS_POOL_MAX', 'beaucoup'],
    ['JOBS_POLLING_SECONDS', '0.1'],
    ['JOBS_STOP_TIMEOUT_SECONDS', '0'],
  ])('refuses %s=%s with a French message naming the setting', (key, value) => {
    expect(() => jobsSettings({ [key]: value }, true)).toThrow(new RegExp(`^${key} : un nombre entre`));
  });
});

describe('job log lines', () => {
  it('name the queue and the job id at the start', () => {
    expect(jobLogLine('start', 'outreach-send', 'abc')).toBe('[jobs] début file=outreach-send id=abc');
  });

  it('give the duration at the end', () => {
    expect(jobLogLine('done', 'privacy-retention', 'abc', 12)).toBe('[jobs] fin file=privacy-retention id=abc durée=12ms');
  });

  it('quote the error of a failed job on the same line', () => {
    expect(jobLogLine('failed', 'q', 'id1', 3, new Error('connexion\nperdue'))).toBe('[jobs] échec file=q id=id1 durée=3ms erreur="connexion\\nperdue"');
  });
});
