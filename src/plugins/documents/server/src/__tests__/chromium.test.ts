import { resolveChromium, type ChromiumProbe } from '../chromium';

const probe = (executables: string[], npm: boolean): ChromiumProbe => ({
  isExecutable: (file) => executables.includes(file),
  npmPackageInstalled: () => npm,
});

describe('resolveChromium', () => {
  it('takes CHROMIUM_PATH when it names an executable, before the npm package', () => {
    expect(resolveChromium({ CHROMIUM_PATH: '/usr/bin/chromium' }, probe(['/usr/bin/chromium'], true))).toEqual({
      ok: true,
      source: 'CHROMIUM_PATH',
      executable: '/usr/bin/chromium',
    });
  });

  it('looks a bare name up in PATH, in order', () => {
    const env = { CHROMIUM_PATH: 'chromium', PATH: '/opt/none:/usr/local/bin:/usr/bin' };
    expect(resolveChromium(env, probe(['/usr/bin/chromium', '/usr/local/bin/chromium'], false))).toEqual({
      ok: true,
      source: 'CHROMIUM_PATH',
      executable: '/usr/local/bin/chromium',
    });
  });

  it('says in French what is missing when CHROMIUM_PATH names nothing executable, even with the npm package there', () => {
    const found = resolveChromium({ CHROMIUM_PATH: '/nulle/part/chromium' }, probe([], true));
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.problem).toContain('Chromium introuvable');
    expect(found.problem).toContain('/nulle/part/chromium');
    expect(found.problem).toContain('apt-get install chromium');
  });

  it('says a bare name is not in PATH', () => {
    const found = resolveChromium({ CHROMIUM_PATH: 'chromium', PATH: '/usr/bin' }, probe([], true));
    expect(found.ok ? '' : found.problem).toMatch(/aucun programme de ce nom n'est dans le PATH/);
  });

  it('falls back on the npm package, and says so when it is absent too', () => {
    expect(resolveChromium({ CHROMIUM_PATH: '  ' }, probe([], true))).toEqual({ ok: true, source: 'npm' });
    const found = resolveChromium({}, probe(['/usr/bin/chromium'], false));
    expect(found.ok ? '' : found.problem).toMatch(/CHROMIUM_PATH n'est pas défini et le paquet npm @sparticuz\/chromium n'est pas installé/);
  });
});
