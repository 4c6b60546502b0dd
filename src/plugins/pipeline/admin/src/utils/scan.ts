import { isBadgeCode } from '../../../../../shared/badges';

/**
 * Bench scanning, as pure logic. A USB barcode scanner is a keyboard that types a label's
 * characters a few milliseconds apart and then presses Enter; a person types far slower.
 */

/** A unit's label: a workshop prefix, a dash, six digits (`SV-000123`). */
export const LABEL_CODE = /^[A-Z]{1,6}-\d{6}$/i;

export const isLabelCode = (text: string): boolean => LABEL_CODE.test(text.trim());

/** What a burst was: a unit's label, or a volunteer's badge (`BV-XXXX-XXXX`, never label-shaped). */
export type Scanned = { kind: 'label' | 'badge'; code: string };

/**
 * A scan is typed in one go: no pause longer than `SCAN_PAUSE_MS` between its keys, nor before
 * its Enter (scanners: 1–20 ms a key; a person hunting for keys pauses longer). The pace is not
 * averaged: a busy bench computer delays key events unevenly, and a label-shaped text typed in
 * one go then Enter is what a scan is, whoever types it.
 */
export const SCAN_PAUSE_MS = 250;

/**
 * The characters typed since the last pause. `key` each printable key with its event time;
 * `enter` at Enter returns the burst's text when it is a label typed in one go, else null.
 * Either way the burst starts again.
 */
export class ScanBurst {
  private text = '';
  private last = -Infinity;

  constructor(private readonly pauseMs = SCAN_PAUSE_MS) {}

  key(char: string, at: number): void {
    if (at - this.last > this.pauseMs) this.text = '';
    this.text += char;
    this.last = at;
  }

  enter(at: number): string | null {
    const scanned = this.read(at);
    return scanned?.kind === 'label' ? scanned.code : null;
  }

  /** As `enter`, for labels and badges: which one was scanned (« Qui est au poste »). */
  read(at: number): Scanned | null {
    const text = this.text;
    const inOneGo = at - this.last <= this.pauseMs;
    this.text = '';
    this.last = -Infinity;
    if (!inOneGo) return null;
    if (isLabelCode(text)) return { kind: 'label', code: text.toUpperCase() };
    if (isBadgeCode(text)) return { kind: 'badge', code: text.toUpperCase() };
    return null;
  }
}

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of `#rrggbb` (or `#rgb`); null when the colour is not hex. */
export function luminance(color: string): number | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? m[1].replace(/./g, (c) => c + c) : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export const contrastRatio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

const DARK = '#000000';
const LIGHT = '#ffffff';

/**
 * The text colour for a badge filled with `background`: white or black, whichever contrasts
 * more (one of them always reaches WCAG AA's 4.5:1). A colour that is not hex gets a neutral
 * badge instead of a guess.
 */
export function badgeColors(background: string): { background: string; color: string } {
  const l = luminance(background);
  if (l === null) return { background: '#eaeaef', color: DARK };
  const dark = luminance(DARK) as number;
  return { background, color: contrastRatio(l, 1) >= contrastRatio(l, dark) ? LIGHT : DARK };
}
