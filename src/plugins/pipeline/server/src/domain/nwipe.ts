/**
 * Reading an nwipe log (nwipe ≥ 0.30, also what ShredOS writes): the "Drive Status" summary table
 * nwipe prints at the end of a run, one row per disk,
 *
 *     !   Device | Status | Thru-put | HH:MM:SS | Model/Serial Number
 *   ---------------------------------------------------------------------
 *          sdb | Erased |  120MB/s | 01:25:04 | WDC WD5000AAKX-0/WD-WCC2ET1234567
 *   !      sdc |-FAILED-|  118MB/s | 00:12:40 | ST500DM002-1BD14/Z3T0ABCD
 *   ---------------------------------------------------------------------
 *   [2024/03/12 16:41:07] Total Throughput 238MB/s, DoD Short, 1R+B+VL
 *
 * The closing line gives the time the table was printed (the wipes' end), the method, the number
 * of rounds, the final blanking pass (B/NB) and the verification (NV, VL, VA).
 */

export type NwipeStatus = 'erased' | 'failed' | 'aborted' | 'unknown';

export interface NwipeDrive {
  device: string;
  status: NwipeStatus;
  /** The raw status column, e.g. "Erased", "-FAILED-", "UABORTED". */
  statusText: string;
  throughput: string;
  durationSeconds: number;
  /** "Model/Serial" as nwipe prints it (model cut at 17 characters, serial at 20). */
  modelSerial: string;
}

export interface NwipeLog {
  toolVersion: string | null;
  methodLabel: string | null;
  rounds: number | null;
  blankingPass: boolean | null;
  verification: 'none' | 'last' | 'all' | null;
  /** When the summary was printed (local time of the wipe station, as nwipe logs it). */
  finishedAt: Date | null;
  drives: NwipeDrive[];
}

/** Passes of one round of each nwipe method (overwrites only; the "Verify …" methods write nothing). */
const METHOD_PASSES: Record<string, number> = {
  'fill with zeros': 1,
  'fill with ones': 1,
  'prng stream': 1,
  'dod short': 3,
  'dod 5220.22m': 7,
  'rcmp tssit ops-ii': 8,
  'hmg is5 enhanced': 3,
  'gutmann wipe': 35,
};

const ROW = /^\s*(!?)\s*(\S+)\s*\|\s*([^|]{1,10}?)\s*\|\s*([^|]*?)\s*\|\s*(\d{1,3}):(\d{2}):(\d{2})\s*\|\s*(.+?)\s*$/;
const TOTAL = /^\s*\[(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})\]\s*Total Throughput\s+[^,]*,\s*(.+?),\s*(\d+)R\+(N?B)\+(NV|VL|VA)\s*$/i;
const VERSION = /\bnwipe\s+(?:version\s+)?v?(\d+\.\d+(?:\.\d+)?)\b/i;

function status(text: string): NwipeStatus {
  const t = text.replace(/-/g, '').trim().toLowerCase();
  if (t === 'erased') return 'erased';
  if (t === 'failed') return 'failed';
  if (t.endsWith('aborted')) return 'aborted';
  return 'unknown';
}

export function parseNwipeLog(text: string): NwipeLog {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((l) => /Device\s*\|\s*Status\s*\|\s*Thru-put/i.test(l));
  const drives: NwipeDrive[] = [];
  let total: RegExpMatchArray | null = null;
  if (start >= 0) {
    for (const line of lines.slice(start + 1)) {
      if (/^\s*-{10,}\s*$/.test(line)) continue;
      const t = line.match(TOTAL);
      if (t) {
        total = t;
        break;
      }
      if (/^\s*\*{10,}/.test(line)) break;
      const m = line.match(ROW);
      if (!m) continue;
      drives.push({
        device: m[2],
        status: status(m[3]),
        statusText: m[3].trim(),
        throughput: m[4],
        durationSeconds: Number(m[5]) * 3600 + Number(m[6]) * 60 + Number(m[7]),
        modelSerial: m[8],
      });
    }
  }
  const version = text.match(VERSION);
  const verification = total ? ({ NV: 'none', VL: 'last', VA: 'all' } as const)[total[10].toUpperCase() as 'NV' | 'VL' | 'VA'] : null;
  return {
    toolVersion: version ? version[1] : null,
    methodLabel: total ? total[7].trim() : null,
    rounds: total ? Number(total[8]) : null,
    blankingPass: total ? total[9].toUpperCase() === 'B' : null,
    verification,
    finishedAt: total ? new Date(Number(total[1]), Number(total[2]) - 1, Number(total[3]), Number(total[4]), Number(total[5]), Number(total[6])) : null,
    drives,
  };
}

/** Overwrite passes a run made, when the method is known: rounds × passes, plus the blanking pass. */
export function overwritePasses(log: NwipeLog): number | null {
  if (!log.methodLabel || log.rounds === null) return null;
  const perRound = METHOD_PASSES[log.methodLabel.toLowerCase()];
  if (perRound === undefined) return null;
  return log.rounds * perRound + (log.blankingPass ? 1 : 0);
}

/** A "Verify Zeros/Ones" run only reads the disk: it is not an erasure. */
export function isVerifyOnly(log: NwipeLog): boolean {
  return Boolean(log.methodLabel && /^verify\b/i.test(log.methodLabel));
}

/** Whether a summary row is this disk: nwipe prints "model/serial", the serial cut at 20 characters. */
export function rowMatchesSerial(modelSerial: string, serial: string): boolean {
  const s = serial.trim().toUpperCase();
  if (!s) return false;
  const printed = (modelSerial.includes('/') ? modelSerial.slice(modelSerial.lastIndexOf('/') + 1) : modelSerial).trim().toUpperCase();
  return printed === s || (printed.length === 20 && s.startsWith(printed));
}
