// For the CI production step (scripts/ci-production.sh): through the running app's own routes,
// logs in as ADMIN_EMAIL, records a unit with one disk erased at the bench, issues its erasure
// certificate and writes the PDF to the path given.
//   node scripts/lib/ci-certificate.mjs <base-url> <out.pdf>
import fs from 'node:fs';

const [base, out] = process.argv.slice(2);
// The administrator is in the settings file the app was started with (ENV_PATH), as in production.
if (process.env.ENV_PATH && fs.existsSync(process.env.ENV_PATH)) process.loadEnvFile(process.env.ENV_PATH);
let token = null;

async function call(method, path, body, expected = 200) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status !== expected) throw new Error(`${method} ${path} : ${res.status} (attendu ${expected}) ${await res.text()}`);
  return res.headers.get('content-type')?.includes('json') ? res.json() : Buffer.from(await res.arrayBuffer());
}

const login = await call('POST', '/admin/login', { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD });
token = login.data.token;
const unit = (await call('POST', '/content-manager/collection-types/api::machine.machine', { type: 'laptop', brand: 'Lenovo', model: 'ThinkPad T430' }, 201)).data;
const disk = await call('POST', `/pipeline/machines/${unit.documentId}/devices`, { serial: 'CI-PROD-0001', interface: 'sata', capacityGb: 256 }, 201);
const diskId = disk.data?.documentId ?? disk.documentId;
await call('POST', `/pipeline/machines/${unit.documentId}/erasures`, { deviceDocumentId: diskId, method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34', result: 'success' }, 201);
const issued = await call('POST', '/documents/generate', { kind: 'erasure-certificate', documentId: unit.documentId }, 201);
const document = issued.data ?? issued;
const pdf = await call('GET', `/documents/generated/${document.documentId}/download`);
fs.writeFileSync(out, pdf);
console.log(`[production] ${unit.labelCode ?? unit.documentId} : certificat ${document.number} émis (${pdf.length} octets)`);
