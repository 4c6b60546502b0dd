import type { Core } from '@strapi/strapi';
import { formatLabelCode, formatYearlyNumber, LABEL_SCOPE, numberYear, yearlyScope, type Series } from '../shared/server/numbering';
import { nextCounterValue } from '../shared/server/counters';
import { numberingIdentity, resolveWorkshopId } from '../shared/server/workshops';

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

/**
 * The workshop's part in a number (docs/network.md): label codes carry the workshop's code
 * (`SV-000123`, `MX-001157`) from one counter, so they stay unique across the network; yearly
 * numbers carry it after their series (`LOT-MX-2026-001`), except the default workshop's, which
 * keep the form printed on every paper signed before the network (`LOT-2026-001`).
 */
async function identityOf(strapi: Core.Strapi, data: Data): Promise<{ code: string | null; isDefault: boolean }> {
  return numberingIdentity(strapi, await resolveWorkshopId(strapi, data.workshop));
}

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
    const { code, isDefault } = await identityOf(strapi, data);
    const workshop = isDefault || !code ? undefined : code;
    const sequence = await nextCounterValue(strapi, yearlyScope(series, year, workshop));
    data[numbered.field] = formatYearlyNumber(series, year, sequence, workshop);
    return;
  }
  if (uid === 'api::machine.machine' && action === 'create' && !data.labelCode) {
    data.labelCode = await nextFreeLabelCode(strapi, (await identityOf(strapi, data)).code);
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
      ? ((await strapi.db.query(uid as 'api::convention.convention').findOne({ where: { documentId: sourceDocumentId }, populate: { workshop: { select: ['id'] } } })) as Data | null)
      : null;
    const merged: Data = { ...(source ?? {}), ...data };
    await assignNumber(strapi, uid, 'create', merged);
    if (merged[numbered.field] !== undefined) data[numbered.field] = merged[numbered.field];
    return;
  }
  if (uid === 'api::machine.machine' && !data.labelCode) {
    const source = sourceDocumentId
      ? ((await strapi.db.query('api::machine.machine').findOne({ where: { documentId: sourceDocumentId }, populate: { workshop: { select: ['id'] } } })) as Data | null)
      : null;
    data.labelCode = await nextFreeLabelCode(strapi, (await identityOf(strapi, { workshop: data.workshop ?? source?.workshop })).code);
  }
}

/** Next label code of the series, skipping codes already printed and typed in by hand. */
export async function nextFreeLabelCode(strapi: Core.Strapi, prefix?: string | null): Promise<string> {
  for (;;) {
    const code = formatLabelCode(await nextCounterValue(strapi, LABEL_SCOPE), prefix ?? undefined);
    const taken = await strapi.db.query('api::machine.machine').count({ where: { labelCode: code } });
    if (taken === 0) return code;
  }
}
