import { renderMarkdown } from '../markdown';

describe('renderMarkdown', () => {
  it('renders headings, paragraphs, lists, bold, italic and safe links', () => {
    expect(renderMarkdown('## Titre\n\nUn *petit* texte **gras**.\n\n- un\n- deux\n\n1. premier\n2. second\n\n[Garanties](/garanties)')).toBe(
      '<h2>Titre</h2>\n<p>Un <em>petit</em> texte <strong>gras</strong>.</p>\n<ul><li>un</li><li>deux</li></ul>\n<ol><li>premier</li><li>second</li></ol>\n<p><a href="/garanties">Garanties</a></p>',
    );
  });

  it('escapes every HTML tag and drops unsafe link targets', () => {
    const html = renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1)) [y](//evil.example) <img src=x onerror=alert(2)>');
    expect(html).not.toMatch(/<script|<img|href="javascript|href="\/\//);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps quotes out of link attributes', () => {
    expect(renderMarkdown('[a](https://x.test/"onmouseover="alert(1))')).not.toContain('"onmouseover');
  });
});
