import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startApp, type TestApp } from './app';

export interface CapturedMail {
  /** Envelope recipients, as the SMTP client gave them (RCPT TO). */
  to: string[];
  from: string;
  parsed: ParsedMail;
}

export interface SmtpCapture {
  port: number;
  messages: CapturedMail[];
  /** Resolves with the first message (already received or to come) the predicate accepts. */
  waitFor: (predicate: (mail: CapturedMail) => boolean, timeoutMs?: number) => Promise<CapturedMail>;
  stop: () => Promise<void>;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package, no authentication, no TLS), so the
 * app's nodemailer provider sends for real and tests read what arrived. Point the app at it by
 * setting `SMTP_PORT` before `startApp`.
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const waiters: Array<{ predicate: (mail: CapturedMail) => boolean; resolve: (mail: CapturedMail) => void }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CapturedMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            parsed,
          };
          messages.push(mail);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(mail)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messages,
    waitFor(predicate, timeoutMs = 15_000) {
      const already = messages.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (mail: CapturedMail) => (clearTimeout(timer), resolve(mail)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`aucun e-mail attendu reçu en ${timeoutMs} ms (reçus : ${messages.map((m) => m.parsed.subject).join(' | ') || 'aucun'})`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The app on the `base` template, sending its mail to a real SMTP capture, with the coordinators'
 * addresses set (the site's offers, alerts): what every mail test starts from. `stop` stops both
 * and forgets the addresses.
 */
export async function startAppWithMail(coordinators: string): Promise<{ app: TestApp; smtp: SmtpCapture; base: string; stop: () => Promise<void> }> {
  const smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  process.env.COORDINATORS_EMAIL = coordinators;
  const app = await startApp('base');
  const base = await app.listen();
  return {
    app,
    smtp,
    base,
    stop: async () => {
      await app.stop();
      await smtp.stop();
      delete process.env.COORDINATORS_EMAIL;
    },
  };
}
