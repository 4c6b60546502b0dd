import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, zipStore } from '../zip';

describe('the ZIP writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('writes an archive that unzip tests clean and extracts byte for byte', () => {
    const files = [
      { name: 'ATT-2026-000001.pdf', data: crypto.randomBytes(70000) },
      { name: 'ATT-2026-000002.pdf', data: Buffer.from('%PDF-1.4 petit') },
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-zip-'));
    try {
      const archive = path.join(dir, 'lot.zip');
      fs.writeFileSync(archive, zipStore(files));
      expect(execFileSync('unzip', ['-t', archive]).toString()).toMatch(/No errors detected/);
      execFileSync('unzip', ['-q', archive, '-d', path.join(dir, 'out')]);
      for (const f of files) expect(fs.readFileSync(path.join(dir, 'out', f.name)).equals(f.data)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a non-ASCII file name rather than writing one unzip tools would garble', () => {
    expect(() => zipStore([{ name: 'été.pdf', data: Buffer.alloc(1) }])).toThrow(RangeError);
  });
});
