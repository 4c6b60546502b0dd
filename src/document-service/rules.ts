import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  conventionProblems,
  donationProblems,
  donorProblems,
  interactionProblems,
  prescriptionProblems,
  type FieldProblem,
} from '../domain/rules';
import { normalizeSiret } from '../domain/siret';
import { defaultWorkshopId } from '../shared/server/default-workshop';
import { assignCopyNumber, assignNumber } from './numbering';

type Data = Record<string, unknown>;
type Populate = Record<string, true | { populate: Record<string, true> }>;

interface RuleSet {
  populate: Populate;
  // The documents are loaded with the populate above; the rules read a narrow view of them.
  check: (doc: never) => FieldProblem[];
}

const RULES: Record<string, RuleSet> = {
  'api::donor.donor': { populate: {}, check: donorProblems },
  'api::convention.convention': {
    populate: { donor: true, prescriber: true, terms: true },
    check: conventionProblems,
  },
  'api::donation.donation': {
    populate: { donor: true, convention: { populate: { donor: true } } },
    check: donationProblems,
  },
  'api::prescription.prescription': { populate: { prescriber: true }, check: prescriptionProblems },
  'api::interaction.interaction': { populate: { donor: true, prescriber: true }, check: interactionProblems },
};

interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Data; documentId?: string };
}

/** A copy (« Dupliquer ») is a creation: numbered and checked like one. */
const WRITES = new Set(['create', 'update', 'clone']);
/** Records that belong to a workshop: the default one when none is given. */
const IN_A_WORKSHOP = new Set(['api::donation.donation', 'api::machine.machine', 'api::part.part', 'api::prescription.prescription']);
const isOurs = (uid: string) => uid in RULES || IN_A_WORKSHOP.has(uid) || uid === 'api::workshop.workshop';

/**
 * Document Service middleware: numbers new records, then checks the record as written,
 * inside the same transaction, so a refused write leaves the database as it was.
 */
export function businessRulesMiddleware(strapi: Core.Strapi) {
  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (!WRITES.has(ctx.action) || !isOurs(ctx.uid)) return next();
    return strapi.db.transaction(async () => {
      ctx.params.data ??= {};
      const data = ctx.params.data;
      if (typeof data.siret === 'string') data.siret = normalizeSiret(data.siret);
      if (ctx.action === 'clone') await assignCopyNumber(strapi, ctx.uid, ctx.params.documentId, data);
      else await assignNumber(strapi, ctx.uid, ctx.action, data);
      if (ctx.action === 'create' && IN_A_WORKSHOP.has(ctx.uid) && data.workshop == null) {
        data.workshop = await defaultWorkshopId(strapi);
      }
      const result = (await next()) as { documentId?: string } | null;
      if (!result?.documentId) return result;
      if (ctx.uid === 'api::machine.machine') await syncMachineDonor(strapi, result.documentId);
      if (ctx.uid === 'api::workshop.workshop' && data.isDefault === true) {
        await strapi.db
          .query('api::workshop.workshop')
          .updateMany({ where: { documentId: { $ne: result.documentId }, isDefault: true }, data: { isDefault: false } });
      }
      const rules = RULES[ctx.uid];
      if (!rules) return result;
      const written = await strapi.db
        .query(ctx.uid as 'api::donor.donor')
        .findOne({ where: { documentId: result.documentId }, populate: rules.populate });
      const problems = rules.check(written as never);
      if (problems.length > 0) {
        throw new errors.ValidationError(problems.map((p) => p.message).join(' '), {
          errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ValidationError', value: null })),
        });
      }
      return result;
    });
  };
}

/** A machine's donor is its donation's donor: derived, never typed. */
async function syncMachineDonor(strapi: Core.Strapi, documentId: string): Promise<void> {
  const machine = await strapi.db.query('api::machine.machine').findOne({
    where: { documentId },
    populate: { donor: true, donation: { populate: { donor: true } } },
  });
  if (!machine) return;
  const expected = (machine.donation?.donor?.id as number | undefined) ?? null;
  const current = (machine.donor?.id as number | undefined) ?? null;
  if (expected !== current) {
    await strapi.db.query('api::machine.machine').update({ where: { id: machine.id }, data: { donor: expected } });
  }
}
