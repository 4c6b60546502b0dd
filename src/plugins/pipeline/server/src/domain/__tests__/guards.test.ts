// The erasure part of the release rule is tested with the erasure status (erasure-status.test.ts).
import {
  checklistPassed,
  directMachineMoveVerdict,
  handoverVerdict,
  membershipVerdict,
  reservationVerdict,
} from '../guards';

const rule = (v: { ok: boolean; rule?: string }) => (v.ok ? 'ok' : v.rule);

describe('release of a machine', () => {
  it('reserves and hands over only through a prescription', () => {
    expect(rule(directMachineMoveVerdict('reserved', false))).toBe('RESERVE_THROUGH_PRESCRIPTION');
    expect(rule(directMachineMoveVerdict('handed_over', false))).toBe('RESERVE_THROUGH_PRESCRIPTION');
    expect(rule(directMachineMoveVerdict('reserved', true))).toBe('ok');
    expect(rule(directMachineMoveVerdict('ready', false))).toBe('ok');
  });
});

describe('reservation and handover', () => {
  it('reserves only a ready machine held by no other open prescription, one per prescription', () => {
    expect(rule(reservationVerdict({ machineStage: 'cleaning', otherOpenPrescriptions: [], heldMachines: 0 }))).toBe('MACHINE_NOT_READY');
    expect(rule(reservationVerdict({ machineStage: 'ready', otherOpenPrescriptions: ['PR-2012-001'], heldMachines: 0 }))).toBe('MACHINE_ALREADY_RESERVED');
    expect(rule(reservationVerdict({ machineStage: 'ready', otherOpenPrescriptions: [], heldMachines: 1 }))).toBe('ONE_MACHINE_PER_PRESCRIPTION');
    expect(rule(reservationVerdict({ machineStage: 'ready', otherOpenPrescriptions: [], heldMachines: 0 }))).toBe('ok');
  });

  it('hands over only with exactly one reserved machine', () => {
    expect(rule(handoverVerdict([]))).toBe('HANDOVER_NEEDS_RESERVED_MACHINE');
    expect(rule(handoverVerdict(['ready']))).toBe('HANDOVER_NEEDS_RESERVED_MACHINE');
    expect(rule(handoverVerdict(['reserved']))).toBe('ok');
  });
});

describe('membership convention', () => {
  const today = '2026-11-29';
  it('accepts a signed convention without end, or ending later', () => {
    expect(rule(membershipVerdict([{ kind: 'membership', state: 'signed', startDate: '2011-09-01', endDate: null }], today))).toBe('ok');
    expect(rule(membershipVerdict([{ kind: 'membership', state: 'signed', endDate: '2027-01-01' }], today))).toBe('ok');
  });

  it('refuses an expired, unsigned or future convention', () => {
    expect(rule(membershipVerdict([{ kind: 'membership', state: 'signed', endDate: '2026-11-28' }], today))).toBe('MEMBERSHIP_CONVENTION_REQUIRED');
    expect(rule(membershipVerdict([{ kind: 'membership', state: 'sent' }], today))).toBe('MEMBERSHIP_CONVENTION_REQUIRED');
    expect(rule(membershipVerdict([{ kind: 'membership', state: 'signed', startDate: '2027-01-01' }], today))).toBe('MEMBERSHIP_CONVENTION_REQUIRED');
    expect(rule(membershipVerdict([], today))).toBe('MEMBERSHIP_CONVENTION_REQUIRED');
  });
});

describe('checklists', () => {
  it('pass when every required item is ticked, whatever the optional ones', () => {
    expect(checklistPassed(['boots', 'memory'], { boots: true, memory: true, usb: false })).toBe(true);
    expect(checklistPassed(['boots', 'memory'], { boots: true })).toBe(false);
  });
});
