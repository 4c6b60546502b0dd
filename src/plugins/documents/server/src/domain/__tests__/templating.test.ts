import { DEFAULT_TEMPLATES } from '../../templates';
import { checkTemplate, compileTemplate, formatDate, formatEuro, htmlDocument, TemplateError } from '../../../../../../shared/server/templating';

describe('templates staff write', () => {
  it('shows a record’s text as text: HTML in a value is escaped', () => {
    const html = compileTemplate('<p>{{donor.name}}</p>')({ donor: { name: '<script>alert(1)</script><img src="http://x/">' } });
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;&quot;http://x/&quot;&gt;</p>');
  });

  it('refuses raw HTML output with {{{ }}}, with a French message', () => {
    expect(() => checkTemplate('<p>{{{donor.name}}}</p>')).toThrow(new TemplateError('Le modèle ne peut pas insérer de HTML brut ({{{ … }}}) : utilisez {{ … }}.'));
  });

  it('refuses partials and functions that are not on the list', () => {
    expect(() => checkTemplate('{{> header}}')).toThrow(/inclure d'autres modèles/);
    expect(() => checkTemplate('{{lookup donor "name"}}')).toThrow(/Fonction inconnue dans le modèle : « lookup »/);
    expect(() => checkTemplate('{{#customBlock}}x{{/customBlock}}')).toThrow(/Fonction inconnue/);
    expect(() => checkTemplate('{{log "x"}}')).toThrow(/Fonction inconnue/);
  });

  it('reports a syntax error in French', () => {
    expect(() => checkTemplate('{{#if x}}sans fin')).toThrow(/Le modèle contient une erreur/);
  });

  it('does not let a template read an object’s prototype', () => {
    expect(compileTemplate('[{{constructor.name}}][{{__proto__.polluted}}]')({})).toBe('[][]');
  });

  it('writes dates and amounts the French way', () => {
    expect(formatDate('2011-10-03')).toBe('3 octobre 2011');
    expect(formatDate('2012-01-01T00:30:00.000Z')).toBe('1 janvier 2012');
    expect(formatDate(null)).toBe('');
    expect(formatEuro(15)).toBe('15,00\u00a0€');
    expect(formatEuro('1234.5')).toBe('1\u202f234,50\u00a0€');
  });

  it('prints a Code 128 barcode and a QR code as inline SVG', () => {
    const html = compileTemplate('{{barcode code}}{{qr code}}')({ code: 'SV-000123' });
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).not.toMatch(/href|src=|<script/i);
  });

  it('keeps a style sheet from closing its <style> element', () => {
    const doc = htmlDocument('<p>x</p>', 'p{} </style><script>x</script>', '', 'titre');
    expect(doc).not.toContain('</style><script>');
  });

  it('ships default templates that pass the same checks as staff edits', () => {
    for (const template of DEFAULT_TEMPLATES) expect(() => checkTemplate(template.html)).not.toThrow();
  });
});
