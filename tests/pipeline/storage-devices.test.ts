import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { fixtures } from './fixtures';
import { setExemptions } from '../helpers/qualifications';

// The erasure promise against any edit: once a unit has left Réception, its storage devices keep
// their identity whatever path a write takes — the content manager (as Coordination and as
// Atelier), REST (API token), the machine's own edit view, bulk delete, clone, raw SQL — and a
// computer with no device leaves only on a person's attestation. Each bypass is refused with the
// data unchanged, or is recorded as an event in the unit's history.
const DEVICE = 'api::storage-device.storage-device';
const MACHINE = 'api::machine.machine';
const TESTING_OK = { boots: true, memory: true, disk_smart: true };

let app: TestApp;
let f: ReturnType<typeof fixtures>;
let admin: string;
let coordination: string;
let atelier: string;
let token: string;

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const cm = (uid: string, rest = '') => `/content-manager/collection-types/${uid}${rest}`;
const move = (documentId: string, to: string, t = admin) => app.http().post(`/pipeline/records/machines/${documentId}/transitions`).set(bearer(t)).send({ to });
const erase = (documentId: string, device: Record<string, string>, t = admin, result = 'success') =>
  app.http().post(`${t === token ? '/api' : ''}/pipeline/machines/${documentId}/erasures`).set(bearer(t)).send({ ...device, method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34', result });
const checklist = (documentId: string) => app.http().post(`/pipeline/records/machines/${documentId}/checklists`).set(bearer(admin)).send({ stage: 'testing', items: TESTING_OK });

/** What the database holds about a unit's devices: the rows, their links, their serials. */
async function devicesOf(machineDocumentId: string) {
  const { rows } = await app.sql.query(
    `SELECT d.document_id, d.serial, d.state FROM storage_devices d
       JOIN storage_devices_machine_lnk l ON l.storage_device_id = d.id JOIN machines m ON m.id = l.machine_id
      WHERE m.document_id = $1 ORDER BY d.id`,
    [machineDocumentId]
  );
  return rows as Array<{ document_id: string; serial: string; state: string }>;
}
const deviceCount = async () => Number((await app.sql.query('SELECT count(*) FROM storage_devices')).rows[0].count);
const eventsOf = async (documentId: string) =>
  ((await app.sql.query('SELECT kind, actor_name, actor_type, details FROM sv_pipeline_events WHERE subject_id = $1 ORDER BY seq', [documentId])).rows as Array<{
    kind: string;
    actor_name: string;
    actor_type: string;
    details: string | Record<string, unknown>;
  }>).map((e) => ({ ...e, details: (typeof e.details === 'string' ? JSON.parse(e.details) : e.details) as Record<string, unknown> }));

/** The unit: two disks, the first erased, the second not, past Réception (at Réinstallation, test passed). */
async function halfErasedUnit() {
  const m = await f.machine(['ERASED-1', 'DIRTY-2']);
  expect((await erase(m.documentId, { deviceDocumentId: m.devices[0].documentId })).status).toBe(201);
  expect((await checklist(m.documentId)).status).toBe(201);
  await f.placeAt('machines', m.documentId, 'reinstalling');
  return m;
}

/** The refusal a user reads: 400, French, naming the field; and the unit still cannot leave. */
async function expectRefusedAndStillBlocked(res: { status: number; body: { error?: { message?: string } } }, m: { documentId: string }, before: unknown) {
  expect(res.status).toBe(400);
  expect(res.body.error?.message).toMatch(/Réception|retiré|retrait|support/);
  expect(await devicesOf(m.documentId)).toEqual(before);
  const ready = await move(m.documentId, 'ready');
  expect(ready.status).toBe(409);
  expect(ready.body.error.details.rule).toBe('ERASURE_REQUIRED');
}

beforeAll(async () => {
  app = await startApp('base');
  f = fixtures(app);
  admin = await adminToken(app);
  coordination = await staffToken(app, 'seconde-vie-coordination', 'coordination@devices.test');
  atelier = await staffToken(app, 'seconde-vie-atelier', 'atelier@devices.test');
  token = await createFullAccessToken(app.strapi, 'devices');
  // A workshop whose wipe station reports with a token exempts tokens from the erasure skill in the
  // workflow settings (docs/volunteers.md); tests/pipeline/qualifications.test.ts covers the default refusal.
  await setExemptions(app, ['strapi-super-admin', 'api-token']);
});

afterAll(async () => {
  await app?.stop();
});

describe('after Réception, through the content manager', () => {
  it('refuses deleting the erased disk (Coordination), so the unit still cannot be Prête', async () => {
    const m = await halfErasedUnit();
    const before = await devicesOf(m.documentId);
    const res = await app.http().delete(cm(DEVICE, `/${m.devices[0].documentId}`)).set(bearer(coordination));
    await expectRefusedAndStillBlocked(res, m, before);
  });

  it('refuses changing a disk’s serial (Atelier)', async () => {
    const m = await halfErasedUnit();
    const before = await devicesOf(m.documentId);
    const res = await app.http().put(cm(DEVICE, `/${m.devices[1].documentId}`)).set(bearer(atelier)).send({ serial: 'ERASED-1', interface: 'sata' });
    await expectRefusedAndStillBlocked(res, m, before);
  });

  it('refuses swapping a disk to another unit from the device’s edit view', async () => {
    const m = await halfErasedUnit();
    const other = await f.machine([]);
    const before = await devicesOf(m.documentId);
    const res = await app.http().put(cm(DEVICE, `/${m.devices[1].documentId}`)).set(bearer(coordination))
      .send({ machine: { connect: [{ documentId: other.documentId }], disconnect: [{ documentId: m.documentId }] } });
    await expectRefusedAndStillBlocked(res, m, before);
    expect(await devicesOf(other.documentId)).toEqual([]);
  });

  it('refuses detaching the disk in the machine’s edit view (relation disconnect)', async () => {
    const m = await halfErasedUnit();
    const before = await devicesOf(m.documentId);
    const res = await app.http().put(cm(MACHINE, `/${m.documentId}`)).set(bearer(coordination))
      .send({ type: 'desktop', storageDevices: { connect: [], disconnect: [{ documentId: m.devices[1].documentId }] } });
    await expectRefusedAndStillBlocked(res, m, before);
  });

  it('refuses a bulk delete that includes one protected disk, deleting none of them', async () => {
    const m = await halfErasedUnit();
    const fresh = await f.machine(['FRESH-1']);
    const before = await devicesOf(m.documentId);
    const res = await app.http().post(cm(DEVICE, '/actions/bulkDelete')).set(bearer(coordination))
      .send({ documentIds: [fresh.devices[0].documentId, m.devices[0].documentId, m.devices[1].documentId] });
    await expectRefusedAndStillBlocked(res, m, before);
    expect(await devicesOf(fresh.documentId)).toHaveLength(1);
  });

  it('refuses setting a device’s state to « retiré » by hand: only the removal records who, when, why, where', async () => {
    const m = await halfErasedUnit();
    const before = await devicesOf(m.documentId);
    const res = await app.http().put(cm(DEVICE, `/${m.devices[1].documentId}`)).set(bearer(coordination))
      .send({ state: 'removed', removalReason: 'pour voir', removalDestination: 'other' });
    await expectRefusedAndStillBlocked(res, m, before);
  });

  it('refuses turning a laptop into a screen after Réception to dodge the rule', async () => {
    const m = await f.machine([], undefined, 'laptop');
    await checklist(m.documentId);
    await f.placeAt('machines', m.documentId, 'reinstalling');
    const res = await app.http().put(cm(MACHINE, `/${m.documentId}`)).set(bearer(coordination)).send({ type: 'screen' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/type/);
    expect((await app.sql.query('SELECT type FROM machines WHERE document_id = $1', [m.documentId])).rows[0].type).toBe('laptop');
    expect((await move(m.documentId, 'ready')).body.error.details.rule).toBe('STORAGE_EVIDENCE_REQUIRED');
  });

  it('refuses adding a disk to a unit already Prête', async () => {
    const m = await f.machine(['READY-1']);
    await erase(m.documentId, { deviceSerial: 'READY-1' });
    await checklist(m.documentId);
    await f.placeAt('machines', m.documentId, 'reinstalling');
    expect((await move(m.documentId, 'ready')).status).toBe(200);
    const count = await deviceCount();
    const res = await app.http().post(cm(DEVICE)).set(bearer(atelier)).send({ serial: 'LATE-1', interface: 'sata', machine: { connect: [{ documentId: m.documentId }] } });
    expect(res.status).toBe(400);
    expect(await deviceCount()).toBe(count);
  });

  it('refuses adding a disk to a unit holding an erasure certificate, even before Prête', async () => {
    const m = await f.machine(['CERT-1']);
    await erase(m.documentId, { deviceSerial: 'CERT-1' });
    await f.placeAt('machines', m.documentId, 'cleaning');
    expect((await app.http().post('/documents/generate').set(bearer(admin)).send({ kind: 'erasure-certificate', documentId: m.documentId })).status).toBe(201);
    const res = await app.http().post(cm(DEVICE)).set(bearer(atelier)).send({ serial: 'AFTER-CERT', interface: 'sata', machine: { connect: [{ documentId: m.documentId }] } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/attestation d’effacement émise/);
    expect((await devicesOf(m.documentId)).map((d) => d.serial)).toEqual(['CERT-1']);
  });

  it('clones a unit at Prête as a new unit in Réception, its disks staying with the original', async () => {
    const m = await f.machine(['CLONE-1']);
    await erase(m.documentId, { deviceSerial: 'CLONE-1' });
    await checklist(m.documentId);
    await f.placeAt('machines', m.documentId, 'reinstalling');
    expect((await move(m.documentId, 'ready')).status).toBe(200);
    const res = await app.http().post(cm(MACHINE, `/clone/${m.documentId}`)).set(bearer(coordination)).send({ type: 'desktop', brand: 'Dell', labelCode: 'SV-990001' });
    expect(res.status).toBe(200);
    const copy = res.body.data.documentId as string;
    expect(await f.stageOf('machines', copy)).toBe('received');
    expect(await devicesOf(copy)).toEqual([]);
    expect((await devicesOf(m.documentId)).map((d) => d.serial)).toEqual(['CLONE-1']);
    expect((await eventsOf(copy)).map((e) => e.kind)).toEqual(['created']);
  });

  it('refuses deleting a unit that left Réception', async () => {
    const m = await halfErasedUnit();
    const res = await app.http().delete(cm(MACHINE, `/${m.documentId}`)).set(bearer(coordination));
    expect(res.status).toBe(400);
    expect(await f.stageOf('machines', m.documentId)).toBe('reinstalling');
    expect(await devicesOf(m.documentId)).toHaveLength(2);
  });
});

describe('after Réception, through REST (API token)', () => {
  it('refuses deleting, re-serialling and detaching a disk', async () => {
    const m = await halfErasedUnit();
    const before = await devicesOf(m.documentId);
    const del = await app.http().delete(`/api/storage-devices/${m.devices[0].documentId}`).set(bearer(token));
    await expectRefusedAndStillBlocked(del, m, before);
    const serial = await app.http().put(`/api/storage-devices/${m.devices[1].documentId}`).set(bearer(token)).send({ data: { serial: 'ERASED-1' } });
    await expectRefusedAndStillBlocked(serial, m, before);
    const detach = await app.http().put(`/api/machines/${m.documentId}`).set(bearer(token)).send({ data: { storageDevices: { disconnect: [m.devices[1].documentId] } } });
    await expectRefusedAndStillBlocked(detach, m, before);
    const set = await app.http().put(`/api/machines/${m.documentId}`).set(bearer(token)).send({ data: { storageDevices: { set: [m.devices[0].documentId] } } });
    await expectRefusedAndStillBlocked(set, m, before);
  });

  it('refuses changing the type to a screen and deleting the unit', async () => {
    const m = await halfErasedUnit();
    expect((await app.http().put(`/api/machines/${m.documentId}`).set(bearer(token)).send({ data: { type: 'screen' } })).status).toBe(400);
    expect((await app.http().delete(`/api/machines/${m.documentId}`).set(bearer(token))).status).toBe(400);
    expect((await app.sql.query('SELECT type FROM machines WHERE document_id = $1', [m.documentId])).rows[0].type).toBe('desktop');
  });

  it('adds a disk found at the bench, recorded in the unit’s history, and the unit then needs it erased', async () => {
    const m = await f.machine([]);
    await f.placeAt('machines', m.documentId, 'testing');
    const res = await app.http().post(`/api/storage-devices`).set(bearer(token)).send({ data: { serial: 'FOUND-1', interface: 'ide', capacityGb: 40, machine: m.documentId } });
    expect(res.status).toBe(201);
    const added = (await eventsOf(m.documentId)).find((e) => e.kind === 'device_added');
    expect(added?.details).toMatchObject({ serial: 'FOUND-1', device: res.body.data.documentId });
    expect(added?.actor_type).toBe('api-token');
  });
});

describe('in Réception, devices are still being registered', () => {
  it('lets staff correct a serial and delete a device typed by mistake', async () => {
    const m = await f.machine(['TYPO-1', 'EXTRA-2']);
    expect((await app.http().put(cm(DEVICE, `/${m.devices[0].documentId}`)).set(bearer(atelier)).send({ serial: 'TYPO-1-FIXED', interface: 'sata' })).status).toBe(200);
    expect((await app.http().delete(cm(DEVICE, `/${m.devices[1].documentId}`)).set(bearer(coordination))).status).toBe(200);
    expect((await devicesOf(m.documentId)).map((d) => d.serial)).toEqual(['TYPO-1-FIXED']);
  });

  it('refuses one disk typed twice on a unit', async () => {
    const m = await f.machine(['TWICE-1']);
    const res = await app.http().post(cm(DEVICE)).set(bearer(atelier)).send({ serial: 'twice-1', interface: 'sata', machine: { connect: [{ documentId: m.documentId }] } });
    expect(res.status).toBe(400);
    expect(await devicesOf(m.documentId)).toHaveLength(1);
  });
});

describe('a removal is recorded, never a silent delete', () => {
  it('records who, when, why and where, as an event; the unit may then be Prête; the removed disk is history', async () => {
    const m = await halfErasedUnit();
    const dirty = m.devices[1].documentId;
    const res = await app.http().post(`/pipeline/machines/${m.documentId}/devices/${dirty}/removal`).set(bearer(atelier))
      .send({ reason: 'Disque HS au test SMART', destination: 'weee_recycling' });
    expect(res.status).toBe(200);
    const { rows } = await app.sql.query('SELECT state, removed_by, removal_reason, removal_destination, removed_at FROM storage_devices WHERE document_id = $1', [dirty]);
    expect(rows[0]).toMatchObject({ state: 'removed', removed_by: 'Test seconde-vie-atelier', removal_reason: 'Disque HS au test SMART', removal_destination: 'weee_recycling' });
    expect(rows[0].removed_at).not.toBeNull();
    const event = (await eventsOf(m.documentId)).find((e) => e.kind === 'device_removed');
    expect(event).toMatchObject({ actor_name: 'Test seconde-vie-atelier', details: { device: dirty, serial: 'DIRTY-2', reason: 'Disque HS au test SMART', destination: 'weee_recycling' } });
    expect((await move(m.documentId, 'ready')).status).toBe(200);
    // Once removed, a device is part of the history: not deleted, not edited, not removed twice.
    expect((await app.http().delete(cm(DEVICE, `/${dirty}`)).set(bearer(coordination))).status).toBe(400);
    expect((await app.http().put(cm(DEVICE, `/${dirty}`)).set(bearer(coordination)).send({ capacityGb: 1 })).status).toBe(400);
    expect((await app.http().post(`/pipeline/machines/${m.documentId}/devices/${dirty}/removal`).set(bearer(atelier)).send({ reason: 'encore', destination: 'other' })).status).toBe(409);
  });

  it('validates the removal: a reason and a known destination', async () => {
    const m = await f.machine(['VAL-1']);
    const url = `/pipeline/machines/${m.documentId}/devices/${m.devices[0].documentId}/removal`;
    expect((await app.http().post(url).set(bearer(admin)).send({ destination: 'weee_recycling' })).status).toBe(400);
    expect((await app.http().post(url).set(bearer(admin)).send({ reason: 'HS', destination: 'poubelle' })).status).toBe(400);
    expect((await app.http().post(url).set(bearer(admin)).send({ reason: 'Disque HS', destination: 'destroyed', extra: 1 })).status).toBe(400);
    expect((await devicesOf(m.documentId))[0].state).toBe('present');
  });
});

describe('no vacuous truth', () => {
  it('refuses Prête for a desktop with no device until a person attests « aucun support de stockage constaté »', async () => {
    const m = await f.machine([]);
    await checklist(m.documentId);
    await f.placeAt('machines', m.documentId, 'reinstalling');
    const refused = await move(m.documentId, 'ready');
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.rule).toBe('STORAGE_EVIDENCE_REQUIRED');
    expect(refused.body.error.message).toMatch(/aucun support de stockage constaté/);

    // A tool cannot say it: an attestation is a person's statement.
    const byToken = await app.http().post(`/api/pipeline/machines/${m.documentId}/no-storage-attestation`).set(bearer(token)).send({});
    expect(byToken.status).toBe(409);
    expect(byToken.body.error.details.rule).toBe('ATTESTATION_BY_A_PERSON');
    expect(byToken.body.error.message).toMatch(/une personne/);
    const attested = await app.http().post(`/pipeline/machines/${m.documentId}/no-storage-attestation`).set(bearer(atelier)).send({ note: 'Baie vide' });
    expect(attested.status).toBe(201);
    const event = (await eventsOf(m.documentId)).find((e) => e.kind === 'no_storage_attested');
    expect(event).toMatchObject({ actor_type: 'admin', actor_name: 'Test seconde-vie-atelier', details: { note: 'Baie vide' } });
    expect((await app.http().post(`/pipeline/machines/${m.documentId}/no-storage-attestation`).set(bearer(atelier)).send({})).status).toBe(409);
    expect((await move(m.documentId, 'ready')).status).toBe(200);
  });

  it('refuses the attestation for a unit that has a device', async () => {
    const m = await f.machine(['HAS-1']);
    const res = await app.http().post(`/pipeline/machines/${m.documentId}/no-storage-attestation`).set(bearer(coordination)).send({});
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('HAS_STORAGE_DEVICES');
  });

  it('lets a screen with no device through: screens are exempt by rule', async () => {
    const m = await f.machine([], undefined, 'screen');
    await checklist(m.documentId);
    await f.placeAt('machines', m.documentId, 'reinstalling');
    expect((await move(m.documentId, 'ready')).status).toBe(200);
    const status = await app.http().get(`/pipeline/machines/${m.documentId}/erasure-status`).set(bearer(atelier));
    expect(status.body.data).toMatchObject({ released: true, basis: 'exempt', requiresEvidence: false });
  });
});

describe('erasure records point to a device', () => {
  it('names the device by documentId, or by serial when one device of the unit has it; never a removed one; never the method « retiré »', async () => {
    const m = await f.machine(['SAME', 'OTHER']);
    const byId = await erase(m.documentId, { deviceDocumentId: m.devices[0].documentId }, token);
    expect(byId.status).toBe(201);
    expect(byId.body.data).toMatchObject({ deviceDocumentId: m.devices[0].documentId, deviceSerial: 'SAME' });
    const bySerial = await erase(m.documentId, { deviceSerial: 'other' }, token);
    expect(bySerial.body.data.deviceDocumentId).toBe(m.devices[1].documentId);
    const foreign = await f.machine(['FOREIGN']);
    const wrong = await erase(m.documentId, { deviceDocumentId: foreign.devices[0].documentId }, token);
    expect([wrong.status, wrong.body.error.details.errors[0].path]).toEqual([400, ['deviceDocumentId']]);
    const removedMethod = await app.http().post(`/api/pipeline/machines/${m.documentId}/erasures`).set(bearer(token)).send({ deviceSerial: 'SAME', method: 'removed', result: 'success' });
    expect(removedMethod.status).toBe(400);
    expect(removedMethod.body.error.message).toMatch(/retrait/);
  });
});

describe('the database holds the line for writers that go around the app', () => {
  it('refuses a raw DELETE, a raw serial change and a raw detach of a disk of a unit past Réception', async () => {
    const m = await halfErasedUnit();
    const before = await devicesOf(m.documentId);
    await expect(app.sql.query('DELETE FROM storage_devices WHERE document_id = $1', [m.devices[1].documentId])).rejects.toThrow(/ne se supprime pas/);
    await expect(app.sql.query("UPDATE storage_devices SET serial = 'X' WHERE document_id = $1", [m.devices[1].documentId])).rejects.toThrow(/ne change plus/);
    await expect(
      app.sql.query('DELETE FROM storage_devices_machine_lnk WHERE storage_device_id = (SELECT id FROM storage_devices WHERE document_id = $1)', [m.devices[1].documentId])
    ).rejects.toThrow(/ne se détache pas/);
    await expect(app.sql.query("UPDATE storage_devices SET state = 'removed' WHERE document_id = $1", [m.devices[1].documentId])).rejects.toThrow(/qui, quand, pourquoi/);
    await expect(app.sql.query("UPDATE machines SET type = 'screen' WHERE document_id = $1", [m.documentId])).rejects.toThrow(/type/);
    await expect(app.sql.query('DELETE FROM machines WHERE document_id = $1', [m.documentId])).rejects.toThrow(/ne se supprime pas/);
    expect(await devicesOf(m.documentId)).toEqual(before);
  });
});
