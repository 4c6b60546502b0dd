// The test suite reads PDFs back with Poppler (`pdftotext`, `pdfinfo`) and validates them with
// `qpdf --check`: real tools, not re-implementations. They are Debian packages, so on a machine
// where they are missing and we may install (root with apt-get, as in CI) this installs them;
// elsewhere it stops with the command to run.
import { spawnSync } from 'node:child_process';

const tools = { qpdf: 'qpdf', pdftotext: 'poppler-utils', pdfinfo: 'poppler-utils' };
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const missing = Object.keys(tools).filter((cmd) => !has(cmd));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((cmd) => tools[cmd]))];
const canInstall = process.getuid?.() === 0 && has('apt-get');
if (!canInstall) {
  console.error(`Outils manquants pour les tests : ${missing.join(', ')}.`);
  console.error(`Installez-les, par exemple : sudo apt-get install -y ${packages.join(' ')}`);
  process.exit(1);
}
console.log(`Installation des outils de test : ${packages.join(' ')}`);
const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
if (run(['update', '-qq']).status !== 0 || run(['install', '-y', '-qq', ...packages]).status !== 0) {
  console.error(`apt-get n'a pas pu installer ${packages.join(' ')}.`);
  process.exit(1);
}
const still = Object.keys(tools).filter((cmd) => !has(cmd));
if (still.length > 0) {
  console.error(`Toujours introuvables après installation : ${still.join(', ')}`);
  process.exit(1);
}
