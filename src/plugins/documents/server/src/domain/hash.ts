import crypto from 'node:crypto';

export const sha256 = (data: Buffer | string): string => crypto.createHash('sha256').update(data).digest('hex');

/** Identifies a template's content: a staff edit changes it. */
export const templateHash = (html: string, css: string | null | undefined): string => sha256(`${html}\u0000${css ?? ''}`);
