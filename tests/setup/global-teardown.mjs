import fs from 'node:fs';

export default async function globalTeardown() {
  const embedded = globalThis.__SV_PG__;
  if (!embedded) return;
  await embedded.server.stop();
  fs.rmSync(embedded.dataDir, { recursive: true, force: true });
}
