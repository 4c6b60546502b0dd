import fs from 'node:fs';
import path from 'node:path';
import { isVerifyOnly, overwritePasses, parseNwipeLog, rowMatchesSerial } from '../nwipe';

const sample = fs.readFileSync(path.resolve(__dirname, '../../../../../../../tests/pipeline/fixtures/nwipe.log'), 'utf8');

describe('nwipe log', () => {
  it('reads the Drive Status table: one row per disk with its status, duration and model/serial', () => {
    const log = parseNwipeLog(sample);
    expect(log.drives).toEqual([
      { device: 'sda', status: 'erased', statusText: 'Erased', throughput: '120MB/s', durationSeconds: 5097, modelSerial: 'WDC WD5000AAKX-0/WD-WCC2ET1234567' },
      { device: 'sdb', status: 'failed', statusText: '-FAILED-', throughput: '118MB/s', durationSeconds: 5090, modelSerial: 'ST500DM002-1BD14/Z3T0ABCD' },
    ]);
  });

  it('reads the method, rounds, blanking, verification, version and end time of the run', () => {
    const log = parseNwipeLog(sample);
    expect(log).toMatchObject({ toolVersion: '0.35', methodLabel: 'DoD Short', rounds: 1, blankingPass: true, verification: 'last' });
    expect(log.finishedAt).toEqual(new Date(2024, 2, 12, 16, 41, 7));
    expect(overwritePasses(log)).toBe(4);
    expect(isVerifyOnly(log)).toBe(false);
  });

  it('reads Windows line ends and a user-aborted disk', () => {
    const aborted = sample.replace(' sda | Erased |', ' sda |UABORTED|').replace(/\n/g, '\r\n');
    expect(parseNwipeLog(aborted).drives[0].status).toBe('aborted');
  });

  it('finds no disk in a log without the summary (a run still going, or another file)', () => {
    expect(parseNwipeLog(sample.slice(0, sample.indexOf('*****'))).drives).toEqual([]);
    expect(parseNwipeLog('Device;Status\nsda;Erased').drives).toEqual([]);
  });

  it('tells a verification-only run apart and leaves unknown methods without a pass count', () => {
    expect(isVerifyOnly(parseNwipeLog(sample.replace('DoD Short, 1R', 'Verify Zeros, 1R')))).toBe(true);
    expect(overwritePasses(parseNwipeLog(sample.replace('DoD Short, 1R+B', 'Gutmann Wipe, 2R+NB')))).toBe(70);
    expect(overwritePasses(parseNwipeLog(sample.replace('DoD Short, 1R', 'Some Future Method, 1R')))).toBeNull();
  });

  it('matches a row to a disk by the serial after the last slash, case-insensitively, and a serial nwipe cut at 20 characters', () => {
    expect(rowMatchesSerial('WDC WD5000AAKX-0/WD-WCC2ET1234567', 'wd-wcc2et1234567')).toBe(true);
    expect(rowMatchesSerial('WDC WD5000AAKX-0/WD-WCC2ET1234567', 'WD-WCC2ET123456')).toBe(false);
    expect(rowMatchesSerial('Samsung SSD 860/S3Z2NB0K1234567890AB', 'S3Z2NB0K1234567890ABCD')).toBe(true);
    expect(rowMatchesSerial('Samsung SSD 860/S3Z2NB0K12', '')).toBe(false);
  });
});
