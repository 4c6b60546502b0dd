import { deliveryFailure, documentMail, isAddress, partialRefusal, splitAddresses } from '../mail';

describe('e-mail rules', () => {
  it('splits typed recipients on commas, semicolons and spaces, without duplicates', () => {
    expect(splitAddresses('a@x.fr, b@y.fr;A@X.fr  c@z.org')).toEqual(['a@x.fr', 'b@y.fr', 'c@z.org']);
    expect(splitAddresses(['a@x.fr', ' b@y.fr '])).toEqual(['a@x.fr', 'b@y.fr']);
    expect(splitAddresses('  ')).toEqual([]);
  });

  it('accepts plain addresses and refuses display names, header injection and missing domains', () => {
    expect(isAddress('a.kerherve@chu-brest.example')).toBe(true);
    expect(isAddress('prenom.nom+dons@univ-brest.fr')).toBe(true);
    for (const bad of ['pas-une-adresse', 'a@b', 'Anne <a@b.fr>', 'a@b.fr\r\nBcc: x@y.fr', 'a@@b.fr', '@b.fr', 'a@-b.fr']) expect(isAddress(bad)).toBe(false);
  });

  it('tells an unreachable server (503) from a refused message (502), in French', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' });
    expect(deliveryFailure(refused)).toMatchObject({ status: 503, message: expect.stringContaining('injoignable') });
    const rejected = Object.assign(new Error('Can\'t send mail'), { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 mailbox unavailable' });
    expect(deliveryFailure(rejected)).toMatchObject({ status: 502, message: expect.stringContaining('refusé'), detail: '550 5.1.1 mailbox unavailable' });
  });

  it('names the refused addresses of a partial sending', () => {
    expect(partialRefusal(['a@refuse.example'])).toMatch(/^Le serveur de messagerie a refusé cette adresse : a@refuse.example ;/);
    expect(partialRefusal(['a@x.fr', 'b@y.fr'])).toContain('ces adresses : a@x.fr, b@y.fr');
  });

  it('names the document, its number and its verification address in the message', () => {
    const mail = documentMail({ kindLabel: 'Convention de partenariat', number: 'CNV-2026-000001', workshop: 'Atelier', verifyUrl: 'http://x/verify/CNV-2026-000001', message: 'Voici la convention.' });
    expect(mail.subject).toBe('Convention de partenariat CNV-2026-000001 — Atelier');
    expect(mail.text).toContain('Voici la convention.');
    expect(mail.text).toContain('http://x/verify/CNV-2026-000001');
  });
});
