import type { Core } from '@strapi/strapi';
import { formatLabelCode, formatYearlyNumber, LABEL_SCOPE, numberYear, yearlyScope, type Series } from '../shared/server/numbering';
import { nextCounterValue } from '../shared/server/counters';

type Data = Record<string, unknown>;

interface NumberedType {
  field: string;
  series: (data: Data) => Series | null;
  referenceDate: (data: Data) => unknown;
}

/** Records whose human number the app assigns at creation and nobody edits afterwards. */
export const NUMBERED: Record<string, NumberedType> = {
  'api::convention.convention': {
    field: 'number',
    series: (d) => (d.kind === 'membership' ? 'membership' : d.kind === 'partnership' ? 'partnership' : null),
    referenceDate: (d) => d.startDate ?? d.signedAt,
  },
  'api::prescription.prescription': {
    field: 'number',
    series: () => 'prescription',
    referenceDate: (d) => d.receivedAt,
  },
  'api::donation.donation': {
    field: 'reference',
    series: () => 'donation',
    referenceDate: (d) => d.collectedAt,
  },
};

const asDate = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Gives a new record its number; on update, a number cannot be changed. */
export async function assignNumber(strapi: Core.Strapi, uid: string, action: string, data: Data): Promise<void> {
  const numbered = NUMBERED[uid];
  if (numbered) {
    if (action === 'update') {
      delete data[numbered.field];
      return;
    }
    const series = numbered.series(data);
    if (!series) return; // the schema's own validation reports the missing kind
    const year = numberYear(asDate(numbered.referenceDate(data)));
    const sequence = await nextCounterValue(strapi, yearlyScope(series, year));
    data[numbered.field] = formatYearlyNumber(series, year, sequence);
    return;
  }
  if (uid === 'api::machine.machine' && action === 'create' && !data.labelCode) {
    data.labelCode = await nextFreeLabelCode(strapi);
  }
}

/**
 * Gives a copy (the content manager's « Dupliquer ») its own number, as a new record gets one:
 * the series and year come from the source's fields, overridden by what the copy changes.
 */
export async function assignCopyNumber(strapi: Core.Strapi, uid: string, sourceDocumentId: string | undefined, data: Data): Promise<void> {
  const numbered = NUMBERED[uid];
  if (numbered) {
    const source = sourceDocumentId
      ? ((await strapi.db.query(uid as 'api::convention.convention').findOne({ where: { documentId: sourceDocumentId } })) as Data | null)
      : null;
    const merged: Data = { ...(source ?? {}), ...data };
    await assignNumber(strapi, uid, 'create', merged);
    if (merged[numbered.field] !== undefined) data[numbered.field] = merged[numbered.field];
    return;
  }
  if (uid === 'api::machine.machine' && !data.labelCode) data.labelCode = await nextFreeLabelCode(strapi);
}

/** Next label code of the series, skipping codes already printed and typed in by hand. */
async function nextFreeLabelCode(strapi: Core.Strapi): Promise<string> {
  for (;;) {
    const code = formatLabelCode(await nextCounterValue(strapi, LABEL_SCOPE));
    const taken = await strapi.db.query('api::machine.machine').count({ where: { labelCode: code } });
    if (taken === 0) return code;
  }
}
