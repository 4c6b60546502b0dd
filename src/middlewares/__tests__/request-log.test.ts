import { loggableUrl } from '../request-log';

describe('the request log', () => {
  it('masks reset codes, tokens and passwords in query strings, and nothing else', () => {
    expect(loggableUrl('/portail/reinitialisation?code=abc123&x=1')).toBe('/portail/reinitialisation?code=[masqué]&x=1');
    expect(loggableUrl('/api/auth/email-confirmation?confirmation=zz')).toBe('/api/auth/email-confirmation?confirmation=[masqué]');
    expect(loggableUrl('/x?access_token=t&Token=u&jeton=v&password=w')).toBe('/x?access_token=[masqué]&Token=[masqué]&jeton=[masqué]&password=[masqué]');
    expect(loggableUrl('/api/machines?filters[code][$eq]=1&page=2')).toBe('/api/machines?filters[code][$eq]=1&page=2');
    expect(loggableUrl('/x?%63ode=secret')).toBe('/x?%63ode=[masqué]');
    expect(loggableUrl('/portail/')).toBe('/portail/');
  });
});
