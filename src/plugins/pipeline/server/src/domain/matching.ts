/**
 * Proposing ready units for an accepted prescription: the unit's type must fit, and each
 * accessory the household needs is built in, already fitted, or fittable from stock.
 */
import type { MachineType } from '../../../../../shared/vocabulary';

export interface Needs {
  deviceType: Extract<MachineType, 'desktop' | 'laptop'>;
  screen?: boolean | null;
  webcam?: boolean | null;
  microphone?: boolean | null;
  keyboardMouse?: boolean | null;
}

export type NeedKey = 'screen' | 'webcam' | 'microphone' | 'keyboardMouse';
export type NeedStatus = 'built_in' | 'fitted' | 'in_stock' | 'missing';

export interface Candidate {
  documentId: string;
  type: string;
  /** Part categories fitted to this unit (events `part_fitted`). */
  fitted: string[];
  readySince: string | null;
}

/** The stock categories that answer a need (all of them, for keyboard and mouse). */
export const NEED_PARTS: Record<NeedKey, string[]> = {
  screen: ['flat_screen'],
  webcam: ['webcam'],
  microphone: ['microphone'],
  keyboardMouse: ['usb_keyboard', 'usb_mouse'],
};

const BUILT_IN: Partial<Record<MachineType, NeedKey[]>> = {
  laptop: ['screen', 'keyboardMouse'],
  all_in_one: ['screen'],
};

export const TYPES_FOR: Record<Needs['deviceType'], MachineType[]> = { laptop: ['laptop'], desktop: ['desktop', 'all_in_one'] };

export interface Match<C extends Candidate> {
  machine: C;
  needs: Partial<Record<NeedKey, NeedStatus>>;
  complete: boolean;
  toFit: number;
  missing: number;
}

export function matchUnits<C extends Candidate>(needs: Needs, candidates: C[], stock: Record<string, number>): Array<Match<C>> {
  const wanted = (Object.keys(NEED_PARTS) as NeedKey[]).filter((k) => needs[k] === true);
  const types = TYPES_FOR[needs.deviceType] ?? [];
  return candidates
    .filter((c) => (types as readonly string[]).includes(c.type))
    .map((machine) => {
      const statuses: Partial<Record<NeedKey, NeedStatus>> = {};
      for (const need of wanted) {
        const parts = NEED_PARTS[need];
        if ((BUILT_IN[machine.type as MachineType] ?? []).includes(need)) statuses[need] = 'built_in';
        else if (parts.every((p) => machine.fitted.includes(p))) statuses[need] = 'fitted';
        else if (parts.every((p) => machine.fitted.includes(p) || (stock[p] ?? 0) > 0)) statuses[need] = 'in_stock';
        else statuses[need] = 'missing';
      }
      const values = Object.values(statuses);
      const missing = values.filter((v) => v === 'missing').length;
      const toFit = values.filter((v) => v === 'in_stock').length;
      return { machine, needs: statuses, complete: missing === 0 && toFit === 0, toFit, missing };
    })
    .sort(
      (a, b) =>
        a.missing - b.missing ||
        a.toFit - b.toFit ||
        (a.machine.readySince ?? '9999').localeCompare(b.machine.readySince ?? '9999') ||
        a.machine.documentId.localeCompare(b.machine.documentId)
    );
}
