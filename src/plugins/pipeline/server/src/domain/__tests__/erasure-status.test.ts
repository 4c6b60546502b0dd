import { erasureStatus, requiresStorageEvidence } from '../erasure-status';
import { erasureVerdict, machineReleaseVerdict } from '../guards';
import deviceSchema from '../../../../../../api/storage-device/content-types/storage-device/schema.json';
import machineSchema from '../../../../../../api/machine/content-types/machine/schema.json';
import { REMOVAL_DESTINATIONS, STORAGE_EXEMPT_TYPES, type AttestationFact, type DeviceFact, type ErasureFact } from '../../../../../../shared/erasure';

const device = (documentId: string, serial: string | null, extra: Partial<DeviceFact> = {}): DeviceFact => ({
  documentId, serial, model: null, interface: 'sata', capacityGb: 160, state: 'present',
  removedAt: null, removedBy: null, removalReason: null, removalDestination: null, ...extra,
});
const erasure = (deviceDocumentId: string | null, result: 'success' | 'failure', extra: Partial<ErasureFact> = {}): ErasureFact => ({
  deviceDocumentId, deviceSerial: null, method: 'nist_clear', result, passes: 1, tool: 'nwipe', toolVersion: '0.34',
  startedAt: null, endedAt: '2012-03-01T10:00:00.000Z', operator: 'Marie', recordedAt: '2012-03-01T10:00:00.000Z', ...extra,
});
const attestation = (actorType = 'admin'): AttestationFact => ({ at: '2012-03-01T09:00:00.000Z', actorName: 'Marie K.', actorType, note: null });

describe('the erasure status', () => {
  it('releases a unit whose every device has a successful erasure, by identity', () => {
    const s = erasureStatus({ type: 'desktop', devices: [device('a', 'WD-1'), device('b', 'WD-2')], erasures: [erasure('a', 'success'), erasure('b', 'success')], attestations: [] });
    expect([s.released, s.basis, s.pending]).toEqual([true, 'devices', []]);
  });

  it('does not release a unit with one device only failed, and names it', () => {
    const s = erasureStatus({ type: 'desktop', devices: [device('a', 'WD-1'), device('b', 'WD-2')], erasures: [erasure('a', 'success'), erasure('b', 'failure')], attestations: [] });
    expect(s.released).toBe(false);
    expect(s.devices.map((d) => d.outcome)).toEqual(['erased', 'failed']);
    expect(s.reason).toContain('WD-2');
    expect(erasureVerdict(s)).toMatchObject({ ok: false, rule: 'ERASURE_REQUIRED' });
  });

  it('counts an erasure only for the device it names: a serial in common with another device does not erase it', () => {
    const s = erasureStatus({ type: 'laptop', devices: [device('a', 'SAME'), device('b', 'SAME')], erasures: [erasure('a', 'success', { deviceSerial: 'SAME' })], attestations: [] });
    expect(s.devices.map((d) => d.resolved)).toEqual([true, false]);
  });

  it('ignores an erasure record that names no device (from before devices had an identity)', () => {
    const s = erasureStatus({ type: 'desktop', devices: [device('a', 'WD-1')], erasures: [erasure(null, 'success', { deviceSerial: 'WD-1' })], attestations: [] });
    expect(s.released).toBe(false);
  });

  it('counts a recorded removal and a destruction as dealt with', () => {
    const s = erasureStatus({
      type: 'desktop',
      devices: [device('a', 'WD-1', { state: 'removed', removedAt: '2012-03-01T00:00:00.000Z', removedBy: 'Gaël', removalReason: 'HS', removalDestination: 'weee_recycling' }), device('b', 'WD-2')],
      erasures: [erasure('b', 'success', { method: 'physical_destruction' })],
      attestations: [],
    });
    expect([s.released, s.devices.map((d) => d.outcome)]).toEqual([true, ['removed', 'destroyed']]);
  });

  it('keeps the latest success even when a later attempt failed', () => {
    const s = erasureStatus({
      type: 'desktop',
      devices: [device('a', 'WD-1')],
      erasures: [erasure('a', 'success', { endedAt: '2012-03-01T10:00:00.000Z' }), erasure('a', 'failure', { endedAt: '2012-03-02T10:00:00.000Z' })],
      attestations: [],
    });
    expect([s.released, s.devices[0].erasure?.result, s.devices[0].attempts]).toEqual([true, 'success', 2]);
  });

  it('never releases a computer with no device and no attestation (no vacuous truth)', () => {
    for (const type of ['desktop', 'laptop', 'all_in_one', 'server', 'other']) {
      const s = erasureStatus({ type, devices: [], erasures: [], attestations: [] });
      expect([type, s.released, s.requiresEvidence]).toEqual([type, false, true]);
      expect(erasureVerdict(s)).toMatchObject({ ok: false, rule: 'STORAGE_EVIDENCE_REQUIRED' });
    }
  });

  it('releases a computer with no device once a person attested « aucun support de stockage constaté »', () => {
    const s = erasureStatus({ type: 'laptop', devices: [], erasures: [], attestations: [attestation()] });
    expect([s.released, s.basis, s.attestation?.actorName]).toEqual([true, 'attestation', 'Marie K.']);
  });

  it('does not take an attestation that no person made', () => {
    expect(erasureStatus({ type: 'laptop', devices: [], erasures: [], attestations: [attestation('api-token')] }).released).toBe(false);
  });

  it('ignores an attestation once the unit has a device: the device must be dealt with', () => {
    const s = erasureStatus({ type: 'desktop', devices: [device('a', 'WD-1')], erasures: [], attestations: [attestation()] });
    expect([s.released, s.attestation]).toEqual([false, null]);
  });

  it('exempts screens only, and only when they have no device', () => {
    expect(erasureStatus({ type: 'screen', devices: [], erasures: [], attestations: [] })).toMatchObject({ released: true, basis: 'exempt' });
    expect(erasureStatus({ type: 'screen', devices: [device('a', null)], erasures: [], attestations: [] }).released).toBe(false);
    expect(machineSchema.attributes.type.enum.filter((t) => !requiresStorageEvidence(t))).toEqual([...STORAGE_EXEMPT_TYPES]);
  });

  it('names a device without serial by what is known of it', () => {
    const s = erasureStatus({ type: 'desktop', devices: [device('a', null, { model: 'WD800', capacityGb: 80 })], erasures: [], attestations: [] });
    expect(s.pending).toEqual(['sans n° de série (WD800, SATA, 80 Go)']);
  });

  it('is what the release rule reads, after the test', () => {
    const ok = erasureStatus({ type: 'desktop', devices: [device('a', 'WD-1')], erasures: [erasure('a', 'success')], attestations: [] });
    expect(machineReleaseVerdict('ready', ok, null)).toMatchObject({ ok: false, rule: 'TEST_REQUIRED' });
    expect(machineReleaseVerdict('ready', ok, { passed: true })).toEqual({ ok: true });
    expect(machineReleaseVerdict('cleaning', erasureStatus({ type: 'desktop', devices: [], erasures: [], attestations: [] }), null)).toEqual({ ok: true });
  });
});

describe('the vocabulary', () => {
  it('lists the removal destinations the device schema allows', () => {
    expect(deviceSchema.attributes.removalDestination.enum).toEqual(REMOVAL_DESTINATIONS);
  });
});
