// Development mail capture: a small SMTP server on loopback that writes every message the app
// sends to .data/mail/<timestamp>-<subject>.eml, so a developer can open what was sent. Uses the
// `smtp-server` devDependency, imported only when needed (absent in a production install).
import fs from 'node:fs';
import path from 'node:path';

/** `2026-11-29T04-05-06-789Z-attestation-att-2026-000001.eml` */
export function mailFileName(subject, date = new Date()) {
  const slug = String(subject || 'sans-objet')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'sans-objet';
  return `${date.toISOString().replace(/[:.]/g, '-')}-${slug}.eml`;
}

/** The Subject header of a raw message, MIME encoded-words decoded (UTF-8 / latin-1, B or Q). */
export function subjectOf(raw) {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0];
  const match = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head);
  if (!match) return '';
  const folded = match[1].replace(/\r?\n[ \t]+/g, ' ');
  return folded
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_, charset, encoding, text) => {
      const bytes = encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
      return /^utf-?8$/i.test(charset) ? bytes.toString('utf8') : bytes.toString('latin1');
    });
}

/**
 * Starts the capture on host:port, writing into dir. Resolves with { port, stop } or null when
 * smtp-server is not installed or the port is taken (logged; the app still runs).
 */
export async function startMailCapture({ host = '127.0.0.1', port = 1025, dir, log = console.log }) {
  let SMTPServer;
  try {
    ({ SMTPServer } = await import('smtp-server'));
  } catch {
    log('Capture des e-mails désactivée : le paquet smtp-server n\'est pas installé (npm install --include=dev).');
    return null;
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        try {
          const raw = Buffer.concat(chunks);
          fs.mkdirSync(dir, { recursive: true });
          const file = path.join(dir, mailFileName(subjectOf(raw)));
          const envelope = `X-Captured-For: ${session.envelope.rcptTo.map((r) => r.address).join(', ')}\r\n`;
          fs.writeFileSync(file, Buffer.concat([Buffer.from(envelope), raw]));
          log(`E-mail capturé : ${file}`);
          callback();
        } catch (error) {
          callback(error);
        }
      });
    },
  });
  const started = await new Promise((resolve) => {
    server.once('error', (error) => {
      log(`Capture des e-mails non démarrée sur ${host}:${port} : ${error.code === 'EADDRINUSE' ? 'port déjà utilisé' : error.message}.`);
      resolve(false);
    });
    server.listen(port, host, () => resolve(true));
  });
  if (!started) return null;
  server.on('error', (error) => log(`Capture des e-mails : ${error.message}`));
  return {
    port: server.server.address().port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
