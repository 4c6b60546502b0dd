import fs from 'node:fs';
import path from 'node:path';
import { composeMail, headerValue, isMailAddress, MailAddressError, sendMail, textMail, type MailSender } from '../mail';

describe('the mail module', () => {
  it('builds a text part and an HTML part from the same blocks, everything escaped in the HTML', () => {
    const mail = composeMail({
      subject: 'Proposition <b>',
      blocks: ['Bonjour <script>alert(1)</script>,', { list: ['Contact : Anne <anne@x.fr>'] }, { quote: '<a href="https://evil.test">Cliquez</a>' }, { label: 'Ouvrir', link: 'https://atelier.test/a?b=1&c=2' }],
    });
    expect(mail.text).toContain('Bonjour <script>alert(1)</script>,');
    expect(mail.text).toContain('- Contact : Anne <anne@x.fr>');
    expect(mail.text).toContain('> <a href="https://evil.test">Cliquez</a>');
    expect(mail.html).toContain('Bonjour &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(mail.html).toContain('Contact : Anne &lt;anne@x.fr&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<a href="https://evil.test"');
    expect(mail.html).toContain('<a href="https://atelier.test/a?b=1&amp;c=2">Ouvrir</a>');
    expect(mail.html).toContain('<title>Proposition &lt;b&gt;</title>');
  });

  it('makes links only of web and mail addresses', () => {
    const mail = composeMail({ subject: 's', blocks: [{ label: 'x', link: 'javascript:alert(1)' }] });
    expect(mail.html).not.toContain('<a ');
    expect(mail.html).toContain('x : javascript:alert(1)');
  });

  it('keeps the line breaks of a text written as a whole, as paragraphs', () => {
    expect(textMail('s', 'Un\ndeux\n\nTrois').html).toContain('<p>Un<br>deux</p>\n<p>Trois</p>');
  });

  it('flattens line breaks and control characters out of headers', () => {
    expect(headerValue('Don\r\nBcc: x@evil.test')).toBe('Don Bcc: x@evil.test');
    expect(headerValue('a'.repeat(300))).toHaveLength(200);
  });

  it('accepts only one bare address per recipient', () => {
    expect(isMailAddress('prenom.nom+dons@univ-brest.fr')).toBe(true);
    for (const bad of ['a,b@x.fr', 'Anne <a@x.fr>', 'a@x.fr\r\nBcc: y@z.fr', 'a@x.fr, b@y.fr', '"a"@x.fr', 'a@x']) expect(isMailAddress(bad)).toBe(false);
  });

  it('sends both parts, and nothing at all to an address that is not one', async () => {
    const sent: Array<Record<string, unknown>> = [];
    const strapi: MailSender = { plugin: () => ({ service: () => ({ send: async (o: Record<string, unknown>) => void sent.push(o) }) }) };
    await sendMail(strapi, { to: ['a@x.fr', 'b@y.fr'], replyTo: 'c@z.fr' }, textMail('Objet\r\nBcc: e@v.il', 'Texte'));
    expect(sent[0]).toMatchObject({ to: 'a@x.fr, b@y.fr', replyTo: 'c@z.fr', subject: 'Objet Bcc: e@v.il', text: 'Texte\n' });
    expect(String(sent[0].html)).toContain('<p>Texte</p>');
    await expect(sendMail(strapi, { to: 'a@x.fr,\r\nBcc: e@v.il' }, textMail('s', 't'))).rejects.toBeInstanceOf(MailAddressError);
    await expect(sendMail(strapi, { to: 'a@x.fr', replyTo: 'x\r\n@y.fr' }, textMail('s', 't'))).rejects.toBeInstanceOf(MailAddressError);
    expect(sent).toHaveLength(1);
  });

  it('is the only place of the app that calls the e-mail plugin', () => {
    const root = path.resolve(__dirname, '..', '..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!['node_modules', '__tests__', 'admin'].includes(entry.name)) walk(full);
        } else if (/\.tsx?$/.test(entry.name) && /plugin\(['"]email['"]\)/.test(fs.readFileSync(full, 'utf8')) && !full.endsWith(path.join('shared', 'mail.ts'))) {
          offenders.push(path.relative(root, full));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
