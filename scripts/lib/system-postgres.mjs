// Starts a throwaway PostgreSQL *server* from the distribution's binaries (Debian:
// /usr/lib/postgresql/<major>/bin), in a temporary folder, on a free loopback port: the same
// server a workshop runs in production, not the embedded helper. Used by the CI production step
// (scripts/ci-production.sh) and the backup drill (tests/ops/backup-drill.test.ts).
//
//   const pg = await startSystemPostgres();      // { url(db), port, major, binDir, stop() }
//   ... pg.url('postgres') ...
//   await pg.stop();
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const USER = 'postgres';
const PASSWORD = 'postgres';
const DEBIAN_ROOT = '/usr/lib/postgresql';

/** Majors of the distribution's PostgreSQL servers installed here, newest first. */
export function installedServerMajors() {
  if (!fs.existsSync(DEBIAN_ROOT)) return [];
  return fs
    .readdirSync(DEBIAN_ROOT)
    .filter((d) => /^\d+$/.test(d) && fs.existsSync(path.join(DEBIAN_ROOT, d, 'bin', 'initdb')))
    .map(Number)
    .sort((a, b) => b - a);
}

/**
 * The bin folder of a PostgreSQL server: `major` when given, else the newest installed. When
 * none is installed and we may (root with apt-get, as in CI), installs Debian's
 * `postgresql-<major>` (default 15, Debian 12's); else throws a French error with the command.
 */
export function serverBinDir(major) {
  const wanted = major ? [major] : installedServerMajors();
  const found = wanted.find((m) => fs.existsSync(path.join(DEBIAN_ROOT, String(m), 'bin', 'initdb')));
  if (found) return path.join(DEBIAN_ROOT, String(found), 'bin');
  const pkg = `postgresql-${major ?? 15}`;
  const canInstall = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!canInstall) {
    throw new Error(`Serveur PostgreSQL introuvable dans ${DEBIAN_ROOT}. Installez-le, par exemple : sudo apt-get install -y ${pkg}`);
  }
  console.log(`Installation du serveur PostgreSQL : ${pkg}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (!run(['update', '-qq']) || !run(['install', '-y', '-qq', '--no-install-recommends', pkg])) {
    throw new Error(`apt-get n'a pas pu installer ${pkg}.`);
  }
  return serverBinDir(major ?? 15);
}

/** A TCP port free on the loopback interface right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run its programs as the `postgres` system user. */
function asServerUser() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(spawnSync('id', [flag, USER], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error(`L'utilisateur système « ${USER} » manque : il vient avec le paquet postgresql.`);
  return { uid, gid: id('-g') };
}

/**
 * Starts a PostgreSQL server from the distribution's binaries in a new temporary folder.
 * @param {{ major?: number, port?: number }} [options]
 * @returns {Promise<{ port: number, major: number, binDir: string, dataDir: string, url: (database: string) => string, stop: () => Promise<void> }>}
 */
export async function startSystemPostgres({ major, port } = {}) {
  const binDir = serverBinDir(major);
  const serverMajor = Number(path.basename(path.dirname(binDir)));
  const listenPort = port ?? (await freePort());
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'seconde-vie-pg-'));
  fs.chmodSync(home, 0o755);
  const dataDir = path.join(home, 'data');
  const pwfile = path.join(home, 'pwfile');
  fs.writeFileSync(pwfile, PASSWORD);
  const user = asServerUser();
  if (user.uid) {
    fs.chownSync(home, user.uid, user.gid);
    fs.chownSync(pwfile, user.uid, user.gid);
  }

  const run = (program, args) => {
    const result = spawnSync(path.join(binDir, program), args, { ...user, cwd: home, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${program} a échoué (PostgreSQL ${serverMajor}) : ${(result.stderr || result.stdout || String(result.error)).trim()}`);
  };
  run('initdb', ['-D', dataDir, '-U', USER, `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8']);
  // Loopback TCP only; the Unix socket goes to the temporary folder, not /var/run/postgresql.
  const options = `-c listen_addresses=127.0.0.1 -c port=${listenPort} -c unix_socket_directories=${home} -c fsync=off`;
  run('pg_ctl', ['-D', dataDir, '-l', path.join(home, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);

  let stopped = false;
  return {
    port: listenPort,
    major: serverMajor,
    binDir,
    dataDir,
    home,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${listenPort}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      stopSystemPostgres({ binDir, dataDir, home });
    },
  };
}

/** Stops a server started by startSystemPostgres (also from another process) and removes its folder. */
export function stopSystemPostgres({ binDir, dataDir, home }) {
  if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
    spawnSync(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], { ...asServerUser(), cwd: home, stdio: 'ignore' });
  }
  fs.rmSync(home, { recursive: true, force: true });
}
