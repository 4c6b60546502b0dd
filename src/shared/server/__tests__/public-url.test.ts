import { adminLink, checkPublicUrlSetting, publicLink, publicUrlWarning, resolvePublicUrl } from '../public-url';

const reader = (server: Record<string, unknown>, adminPath = '/admin') => ({
  config: { get: (path: string, fallback?: unknown) => ({ 'server.url': server.url, 'server.host': server.host, 'server.port': server.port, 'admin.path': adminPath } as Record<string, unknown>)[path] ?? fallback },
});

describe('the public address', () => {
  it('is PUBLIC_URL when it is set, without a trailing slash', () => {
    expect(resolvePublicUrl({ url: 'https://atelier.example.org/', host: '0.0.0.0', port: 1337 })).toBe('https://atelier.example.org');
    expect(resolvePublicUrl({ url: 'https://atelier.example.org/seconde-vie', host: '0.0.0.0', port: 1337 })).toBe('https://atelier.example.org/seconde-vie');
  });

  it('is the address the app is served on when PUBLIC_URL is unset: localhost for every interface, else HOST', () => {
    expect(resolvePublicUrl({ url: '', host: '0.0.0.0', port: 1337 })).toBe('http://localhost:1337');
    expect(resolvePublicUrl({ url: '', host: '::', port: 8080 })).toBe('http://localhost:8080');
    expect(resolvePublicUrl({ url: undefined, host: undefined, port: undefined })).toBe('http://localhost:1337');
    expect(resolvePublicUrl({ url: '', host: '192.168.1.20', port: '1337' })).toBe('http://192.168.1.20:1337');
    expect(resolvePublicUrl({ url: '', host: 'fe80::1', port: 1337 })).toBe('http://[fe80::1]:1337');
  });

  it('builds links on it, the admin ones under the admin path', () => {
    const strapi = reader({ url: '', host: '0.0.0.0', port: 13391 });
    expect(publicLink(strapi, '/verify/ATT-2012-000001')).toBe('http://localhost:13391/verify/ATT-2012-000001');
    expect(adminLink(strapi, '/plugins/relations')).toBe('http://localhost:13391/admin/plugins/relations');
    expect(adminLink(reader({ url: 'https://atelier.example.org' }, '/gestion'), 'plugins/relations')).toBe('https://atelier.example.org/gestion/plugins/relations');
  });

  it('refuses a PUBLIC_URL that is not a full http(s) address, in French', () => {
    expect(checkPublicUrlSetting(undefined)).toBe('');
    expect(checkPublicUrlSetting(' https://atelier.example.org/ ')).toBe('https://atelier.example.org');
    expect(() => checkPublicUrlSetting('atelier.example.org')).toThrow(/PUBLIC_URL doit être une adresse complète/);
    expect(() => checkPublicUrlSetting('ftp://atelier.example.org')).toThrow(/PUBLIC_URL/);
  });

  it('warns, in French and in production only, when PUBLIC_URL is unset', () => {
    expect(publicUrlWarning('production', '', 'http://localhost:1337')).toMatch(/^PUBLIC_URL n'est pas défini : .* http:\/\/localhost:1337/);
    expect(publicUrlWarning('production', 'https://atelier.example.org', 'https://atelier.example.org')).toBeNull();
    expect(publicUrlWarning('development', undefined, 'http://localhost:1337')).toBeNull();
  });
});
