import { deviceChangeProblems, duplicateSerialProblems, machineDeleteProblem, typeChangeProblem, type DeviceSnapshot, type MachineSnapshot } from '../devices';

const machine = (id: number, stage: string, type = 'desktop', certified = false): MachineSnapshot => ({ id, documentId: `m${id}`, labelCode: `SV-00000${id}`, stage, type, certified });
const dev = (documentId: string, machineId: number | null, extra: Partial<DeviceSnapshot> = {}): DeviceSnapshot => ({
  documentId, serial: 'WD-1', model: null, interface: 'sata', capacityGb: 160, state: 'present', removalDestination: null, machineId, hasErasures: false, ...extra,
});
const map = (...devices: DeviceSnapshot[]) => new Map(devices.map((d) => [d.documentId, d]));
const machines = (...list: MachineSnapshot[]) => new Map(list.map((m) => [m.id, m]));
const paths = (r: { problems: Array<{ path: string[] }> }) => r.problems.map((p) => p.path.join('.'));

describe('changes to storage devices', () => {
  it('lets Réception correct its devices freely, without events', () => {
    const r = deviceChangeProblems(map(dev('a', 1)), map(dev('a', 1, { serial: 'WD-2' })), machines(machine(1, 'received')));
    expect([r.problems, r.events]).toEqual([[], []]);
    expect(deviceChangeProblems(map(dev('a', 1)), map(), machines(machine(1, 'received'))).problems).toEqual([]);
  });

  it('refuses deleting or detaching a device once its unit left Réception', () => {
    expect(paths(deviceChangeProblems(map(dev('a', 1)), map(), machines(machine(1, 'testing'))))).toEqual(['storageDevices']);
    expect(paths(deviceChangeProblems(map(dev('a', 1)), map(dev('a', null)), machines(machine(1, 'erasing'))))).toEqual(['machine']);
    expect(paths(deviceChangeProblems(map(dev('a', 1)), map(dev('a', 2)), machines(machine(1, 'ready'), machine(2, 'received'))))).toEqual(['machine']);
  });

  it('refuses a new serial after Réception, or on a device with an erasure', () => {
    expect(paths(deviceChangeProblems(map(dev('a', 1)), map(dev('a', 1, { serial: 'OTHER' })), machines(machine(1, 'sorting'))))).toEqual(['serial']);
    expect(paths(deviceChangeProblems(map(dev('a', 1, { hasErasures: true })), map(dev('a', 1, { hasErasures: true, serial: 'X' })), machines(machine(1, 'received'))))).toEqual(['serial']);
  });

  it('refuses any change to a removed device, and any state change outside the removal service', () => {
    const removed = dev('a', 1, { state: 'removed', removalDestination: 'destroyed' });
    expect(paths(deviceChangeProblems(map(removed), map({ ...removed, capacityGb: 1 }), machines(machine(1, 'received'))))).toEqual(['storageDevices']);
    expect(paths(deviceChangeProblems(map(removed), map(), machines(machine(1, 'received'))))).toEqual(['storageDevices']);
    expect(paths(deviceChangeProblems(map(dev('a', 1)), map(dev('a', 1, { state: 'removed' })), machines(machine(1, 'received'))))).toEqual(['state']);
    expect(paths(deviceChangeProblems(map(), map(dev('a', 1, { state: 'removed' })), machines(machine(1, 'received'))))).toEqual(['state']);
  });

  it('refuses adding a device to a unit at Prête, Réservée or Remise', () => {
    expect(paths(deviceChangeProblems(map(), map(dev('a', 1)), machines(machine(1, 'ready'))))).toEqual(['machine']);
    expect(paths(deviceChangeProblems(map(dev('a', null)), map(dev('a', 1)), machines(machine(1, 'handed_over'))))).toEqual(['machine']);
  });

  it('refuses adding a device to a unit holding an erasure certificate, whatever its stage', () => {
    expect(paths(deviceChangeProblems(map(), map(dev('a', 1)), machines(machine(1, 'received', 'desktop', true))))).toEqual(['machine']);
    expect(typeChangeProblem(machine(1, 'received', 'screen', true), 'laptop')?.path).toEqual(['type']);
  });

  it('records what is added or described differently after Réception', () => {
    const added = deviceChangeProblems(map(), map(dev('a', 1)), machines(machine(1, 'testing')));
    expect(added.events).toEqual([expect.objectContaining({ machineId: 1, kind: 'device_added' })]);
    const edited = deviceChangeProblems(map(dev('a', 1)), map(dev('a', 1, { capacityGb: 250 })), machines(machine(1, 'testing')));
    expect(edited.events[0]).toMatchObject({ kind: 'device_updated', details: { changes: { capacityGb: { from: 160, to: 250 } } } });
  });

  it('refuses one disk typed twice on a unit', () => {
    expect(duplicateSerialProblems([dev('a', 1, { serial: 'wd-1 ' }), dev('b', 1, { serial: 'WD-1' })])).toHaveLength(1);
    expect(duplicateSerialProblems([dev('a', 1, { serial: null }), dev('b', 1, { serial: null })])).toEqual([]);
  });
});

describe('changes to a machine', () => {
  it('keeps whether a unit past Réception needs storage evidence', () => {
    expect(typeChangeProblem(machine(1, 'testing', 'laptop'), 'screen')?.path).toEqual(['type']);
    expect(typeChangeProblem(machine(1, 'ready', 'screen'), 'desktop')?.path).toEqual(['type']);
    expect(typeChangeProblem(machine(1, 'testing', 'laptop'), 'desktop')).toBeNull();
    expect(typeChangeProblem(machine(1, 'received', 'laptop'), 'screen')).toBeNull();
  });

  it('deletes a unit only while it is in Réception', () => {
    expect(machineDeleteProblem(machine(1, 'received'))).toBeNull();
    expect(machineDeleteProblem(machine(1, 'recycled'))?.message).toContain('Recyclage DEEE');
  });
});
