import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';

let app: TestApp;
let token: string;
let donorId: string;
let donationId: string;

const auth = () => ({ Authorization: `Bearer ${token}` });
const machineCount = async () => Number((await app.sql.query('SELECT count(*) FROM machines')).rows[0].count);

beforeAll(async () => {
  app = await startApp('base');
  token = await createFullAccessToken(app.strapi);
  const donor = await app.http().post('/api/donors').set(auth()).send({ data: { name: 'CHU de Brest', kind: 'public_administration' } });
  donorId = donor.body.data.documentId;
  const donation = await app.http().post('/api/donations').set(auth()).send({ data: { donor: donorId, announcedCount: 200, collectedAt: '2011-09-20' } });
  donationId = donation.body.data.documentId;
});

afterAll(async () => {
  await app?.stop();
});

describe('machines over REST', () => {
  it('creates a machine and gives it the next label code', async () => {
    const res = await app.http().post('/api/machines').set(auth())
      .send({ data: { type: 'desktop', brand: 'Dell', model: 'OptiPlex 755', ramGb: 2, donation: donationId } });
    expect(res.status).toBe(201);
    expect(res.body.data.labelCode).toMatch(/^SV-\d{6}$/);
    // Its disk is a record of its own, attached to it.
    const disk = await app.http().post('/api/storage-devices').set(auth())
      .send({ data: { machine: res.body.data.documentId, interface: 'sata', capacityGb: 160, serial: 'WD-WCAV12345678' } });
    expect(disk.status).toBe(201);
    const read = await app.http().get(`/api/machines/${res.body.data.documentId}?populate[storageDevices][fields][0]=serial`).set(auth());
    expect(read.body.data.storageDevices.map((d: { serial: string }) => d.serial)).toEqual(['WD-WCAV12345678']);
  });

  it('numbers machines one after the other', async () => {
    const a = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'laptop' } });
    const b = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'laptop' } });
    const n = (code: string) => Number(code.slice(3));
    expect(n(b.body.data.labelCode)).toBe(n(a.body.data.labelCode) + 1);
  });

  it("takes the donation's donor as the machine's donor, without anyone typing it", async () => {
    const res = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop', donation: donationId } });
    const read = await app.http().get(`/api/machines/${res.body.data.documentId}?populate[donor][fields][0]=name`).set(auth());
    expect(read.body.data.donor.name).toBe('CHU de Brest');
  });

  it('reads, updates and deletes a machine', async () => {
    const created = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop', brand: 'HP' } });
    const id = created.body.data.documentId;
    expect((await app.http().get(`/api/machines/${id}`).set(auth())).body.data.brand).toBe('HP');
    const updated = await app.http().put(`/api/machines/${id}`).set(auth()).send({ data: { brand: 'Lenovo', ramGb: 4 } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.brand).toBe('Lenovo');
    expect((await app.http().delete(`/api/machines/${id}`).set(auth())).status).toBe(204);
    expect((await app.http().get(`/api/machines/${id}`).set(auth())).status).toBe(404);
  });

  it('refuses an unknown type with a 400 naming the field, and writes nothing', async () => {
    const before = await machineCount();
    const res = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'tablet' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain('type');
    expect(await machineCount()).toBe(before);
  });

  it('refuses a duplicate label code with a 400 naming the field, and writes nothing', async () => {
    await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop', labelCode: 'SV-900001' } });
    const before = await machineCount();
    const res = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'laptop', labelCode: 'SV-900001' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain('labelCode');
    expect(await machineCount()).toBe(before);
  });

  it('refuses RAM of -4 with a 400 naming the field, and writes nothing', async () => {
    const before = await machineCount();
    const res = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop', ramGb: -4 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain('ramGb');
    expect(res.body.error.message).toMatch(/ramGb/);
    expect(await machineCount()).toBe(before);
  });

  it('skips a label code already typed in by hand when numbering', async () => {
    const next = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop' } });
    const following = `SV-${String(Number(next.body.data.labelCode.slice(3)) + 1).padStart(6, '0')}`;
    await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop', labelCode: following } });
    const after = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop' } });
    expect(after.status).toBe(201);
    expect(after.body.data.labelCode).not.toBe(following);
  });

  it('refuses a storage device of negative capacity and names it', async () => {
    const machine = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop' } });
    const res = await app.http().post('/api/storage-devices').set(auth()).send({ data: { machine: machine.body.data.documentId, interface: 'sata', capacityGb: -1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['capacityGb']);
  });
});
