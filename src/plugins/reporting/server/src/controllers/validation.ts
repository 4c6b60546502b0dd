import { errors, yup } from '@strapi/utils';
import type { BilanParams } from '../../../shared/contracts';
import { MESSAGES } from '../domain/messages';
import { isIsoDay } from '../domain/period';
import { TERRITORY_KEYS } from '../domain/territories';
import { isCentAmount } from '../domain/money';

const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;
const MAX_DAYS = 3660;

const day = (required: string, invalid: string) => yup.string().typeError(invalid).required(required).test('iso-day', invalid, (v) => v == null || isIsoDay(v));

const emptyToNull = (v: unknown) => (v === '' ? null : v);

const workshopField = yup.string().typeError(MESSAGES.workshopInvalid).nullable().transform(emptyToNull).test('workshop', MESSAGES.workshopInvalid, (v) => v == null || v === 'all' || DOCUMENT_ID.test(v));

const periodShape = {
  from: day(MESSAGES.fromRequired, MESSAGES.fromInvalid),
  to: day(MESSAGES.toRequired, MESSAGES.toInvalid),
};

const bilanSchema = yup
  .object({
    ...periodShape,
    programme: yup.string().typeError(MESSAGES.programmeInvalid).nullable().transform(emptyToNull).matches(DOCUMENT_ID, MESSAGES.programmeInvalid),
    territory: yup.string().typeError(MESSAGES.territoryInvalid).nullable().transform(emptyToNull).oneOf([...TERRITORY_KEYS, null], MESSAGES.territoryInvalid),
    format: yup.string().typeError(MESSAGES.formatInvalid).oneOf(['csv', 'xlsx', 'json'], MESSAGES.formatInvalid),
    workshop: workshopField,
  })
  .noUnknown(true, MESSAGES.unknownParameter);

const periodSchema = yup
  .object({ ...periodShape, format: yup.string().typeError(MESSAGES.formatInvalid).oneOf(['csv', 'xlsx', 'json'], MESSAGES.formatInvalid), workshop: workshopField })
  .noUnknown(true, MESSAGES.unknownParameter);

async function validate<S extends yup.AnySchema>(schema: S, input: unknown): Promise<yup.InferType<S>> {
  try {
    return await schema.validate(input, { abortEarly: true, stripUnknown: false });
  } catch (error) {
    const e = error as { errors?: string[]; message: string; path?: string };
    throw new errors.ValidationError(e.errors?.[0] ?? e.message, { field: e.path ?? null });
  }
}

function checkOrder(from: string, to: string): void {
  if (from > to) throw new errors.ValidationError(MESSAGES.fromAfterTo, { field: 'from' });
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw new errors.ValidationError(MESSAGES.periodTooLong, { field: 'to' });
}

/** The bilan's parameters from a query string or a JSON body; a French 400 naming the field otherwise. */
export async function bilanParams(input: unknown): Promise<BilanParams & { format?: 'csv' | 'xlsx' | 'json' }> {
  const v = await validate(bilanSchema, input ?? {});
  checkOrder(v.from, v.to);
  return {
    from: v.from,
    to: v.to,
    programme: v.programme ?? null,
    territory: (v.territory ?? null) as BilanParams['territory'],
    workshop: v.workshop ?? null,
    format: v.format as 'csv' | 'xlsx' | 'json' | undefined,
  };
}

/** A period (WEEE register). */
export async function periodParams(input: unknown): Promise<{ from: string; to: string; format?: 'csv' | 'xlsx' | 'json'; workshop: string | null }> {
  const v = await validate(periodSchema, input ?? {});
  checkOrder(v.from, v.to);
  return { from: v.from, to: v.to, format: v.format as 'csv' | 'xlsx' | 'json' | undefined, workshop: v.workshop ?? null };
}

/** The `workshop` parameter alone (dashboard, programmes): a documentId, `all`, or nothing. Other parameters are ignored, as before. */
export async function workshopParam(input: unknown): Promise<string | null> {
  const v = await validate(yup.object({ workshop: workshopField }), { workshop: (input as { workshop?: unknown } | undefined)?.workshop });
  return v.workshop ?? null;
}

const settingsSchema = yup
  .object({
    volunteerHourlyRate: yup
      .number()
      .typeError(MESSAGES.hourlyRateInvalid)
      .required(MESSAGES.hourlyRateInvalid)
      .strict()
      .positive(MESSAGES.hourlyRateInvalid)
      .max(1000, MESSAGES.hourlyRateInvalid)
      .test('cents', MESSAGES.hourlyRateInvalid, (v) => v == null || isCentAmount(v, 1000)),
  })
  .noUnknown(true, MESSAGES.unknownParameter);

/** The reporting settings' body: the value of a volunteer hour. */
export async function settingsParams(input: unknown): Promise<{ volunteerHourlyRate: number }> {
  const v = await validate(settingsSchema, input ?? {});
  return { volunteerHourlyRate: Math.round(v.volunteerHourlyRate * 100) / 100 };
}
