import fs from 'node:fs';
import path from 'node:path';

/** The family every template uses, shipped in the npm package @fontsource/source-sans-3. */
export const FONT_FAMILY = "'Source Sans 3'";
const WEIGHTS = [400, 600, 700] as const;
const SUBSETS = ['latin', 'latin-ext'] as const;

let cached: string | null = null;

/**
 * @font-face rules with the font files inlined as data: URLs, so that a PDF looks the same
 * on every machine whatever fonts it has, and the renderer never reads a file.
 */
export function fontsCss(): string {
  if (cached) return cached;
  const dir = path.join(path.dirname(require.resolve('@fontsource/source-sans-3/package.json')), 'files');
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    for (const subset of SUBSETS) {
      const file = path.join(dir, `source-sans-3-${subset}-${weight}-normal.woff2`);
      const data = fs.readFileSync(file).toString('base64');
      const range = subset === 'latin'
        ? 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD'
        : 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';
      rules.push(`@font-face{font-family:${FONT_FAMILY};font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`);
    }
  }
  cached = rules.join('\n');
  return cached;
}
