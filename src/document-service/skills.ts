import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { WRITES, type DocumentContext } from './context';
import { today } from '../shared/server/clock';
import { staffName, type StaffUser } from '../shared/server/display-name';
import { newBadgeCode } from '../shared/server/badges';
import { PIN_PATTERN } from '../shared/badges';
import { grantExpiry, SKILL_GRANT_UID, TRAINING_UID, VOLUNTEER_UID, volunteerDateProblems, type VolunteerStatus } from '../shared/skills';


interface GrantRow {
  id: number;
  grantedOn: string | null;
  expiresOn: string | null;
  volunteer: { id: number } | null;
  skill: { id: number; validityMonths: number | null } | null;
  training: { id: number } | null;
}

interface TrainingRow {
  id: number;
  documentId: string;
  date: string;
  trainer: string;
  attendees: Array<{ id: number; documentId: string }>;
  skills: Array<{ id: number; documentId: string; validityMonths: number | null }>;
}

const refuse = (problems: Array<{ path: string; message: string }>): never => {
  throw new errors.ValidationError(problems.map((p) => p.message).join(' '), {
    errors: problems.map((p) => ({ path: [p.path], message: p.message, name: 'ValidationError', value: null })),
  });
};

/**
 * Document Service middleware for skills (docs/volunteers.md), in the write's transaction:
 * - an admin account is linked to one volunteer at most;
 * - a grant has a volunteer and a skill; it is dated today unless said; a grant made by hand
 *   names the staff member who made it; a skill that expires gives its grant an end date
 *   (`grantExpiry`) when none is set;
 * - a training grants each of its skills to each attendee (one grant per attendee, skill and
 *   training; a grant already made is dated again when the training's date changes). An attendee
 *   taken off the list keeps the grant: the coordination deletes it by hand if it was a mistake.
 */
export function skillsMiddleware(strapi: Core.Strapi) {
  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (!WRITES.has(ctx.action) || ![SKILL_GRANT_UID, TRAINING_UID, VOLUNTEER_UID].includes(ctx.uid)) return next();
    return strapi.db.transaction(async () => {
      ctx.params.data ??= {};
      const data = ctx.params.data;
      if (ctx.uid === SKILL_GRANT_UID && ctx.action !== 'update') {
        if (data.grantedOn == null || data.grantedOn === '') data.grantedOn = today();
        if (!data.grantedBy && data.training == null) {
          const user = (strapi.requestContext.get()?.state as { user?: StaffUser } | undefined)?.user;
          if (user) data.grantedBy = staffName(user);
        }
      }
      if (ctx.uid === VOLUNTEER_UID) await badgeAndPin(strapi, ctx);
      const result = (await next()) as { documentId?: string } | null;
      if (!result?.documentId) return result;
      if (ctx.uid === SKILL_GRANT_UID) await checkGrant(strapi, result.documentId);
      else if (ctx.uid === TRAINING_UID) await grantsFromTraining(strapi, result.documentId);
      else await checkVolunteer(strapi, result.documentId);
      return result;
    });
  };
}

/**
 * A volunteer's badge and PIN (docs/volunteers.md, « Qui est au poste »). The badge code is the
 * app's: generated at creation, and again when a coordinator empties the field (the old badge stops
 * working); a typed code is refused. The PIN is 4 to 6 digits; Strapi hashes it (bcrypt, a
 * `password` attribute, private: no API reads it back). An empty PIN in a form keeps the current one.
 */
async function badgeAndPin(strapi: Core.Strapi, ctx: DocumentContext): Promise<void> {
  const data = ctx.params.data!;
  const problems: Array<{ path: string; message: string }> = [];
  if ('pin' in data) {
    const pin = data.pin;
    if (pin === null || pin === undefined || pin === '') delete data.pin;
    else if (typeof pin !== 'string' || !PIN_PATTERN.test(pin)) problems.push({ path: 'pin', message: 'Le code PIN compte de 4 à 6 chiffres, rien d’autre.' });
  }
  const current =
    ctx.action === 'update' && ctx.params.documentId
      ? ((await strapi.db.query(VOLUNTEER_UID).findOne({ where: { documentId: ctx.params.documentId }, select: ['badgeCode'] })) as { badgeCode: string | null } | null)
      : null;
  const asked = data.badgeCode;
  if (ctx.action === 'update') {
    if (asked === undefined) {
      if (!current?.badgeCode) data.badgeCode = newBadgeCode();
    } else if (asked === null || asked === '') data.badgeCode = newBadgeCode();
    else if (asked !== current?.badgeCode) problems.push({ path: 'badgeCode', message: 'Le code du badge est généré par l’application : videz le champ et enregistrez pour en générer un nouveau.' });
  } else if (asked === undefined || asked === null || asked === '') data.badgeCode = newBadgeCode();
  // Loading the past (seed, import) may bring a code already printed; a person at the content manager may not.
  else if (strapi.requestContext.get()) problems.push({ path: 'badgeCode', message: 'Le code du badge est généré par l’application : laissez le champ vide.' });
  if (problems.length > 0) refuse(problems);
}

/**
 * A volunteer's dates follow their status (docs/volunteers.md): a candidate may have no start
 * date yet; someone in the team (or who left) has one; someone who left has a departure date.
 * One admin account is one person: it is linked to one volunteer at most (their skills are what
 * the account may certify).
 */
async function checkVolunteer(strapi: Core.Strapi, documentId: string): Promise<void> {
  const volunteer = (await strapi.db.query(VOLUNTEER_UID).findOne({
    where: { documentId },
    select: ['id', 'membership', 'startDate', 'endDate'],
    populate: { adminUser: { select: ['id'] } },
  })) as {
    id: number;
    membership: VolunteerStatus | null;
    startDate: string | null;
    endDate: string | null;
    adminUser: { id: number } | null;
  } | null;
  if (!volunteer) return;
  const problems = volunteerDateProblems(volunteer);
  if (problems.length) refuse(problems);
  if (!volunteer.adminUser) return;
  const other = (await strapi.db.query(VOLUNTEER_UID).findOne({ where: { id: { $ne: volunteer.id }, adminUser: { id: volunteer.adminUser.id } }, select: ['name'] })) as { name: string } | null;
  if (other) refuse([{ path: 'adminUser', message: `Compte d’accès : ce compte est déjà celui de « ${other.name} » ; un compte ne sert qu’à une personne.` }]);
}

async function checkGrant(strapi: Core.Strapi, documentId: string): Promise<void> {
  const grant = (await strapi.db.query(SKILL_GRANT_UID).findOne({
    where: { documentId },
    populate: { volunteer: { select: ['id'] }, skill: { select: ['id', 'validityMonths'] }, training: { select: ['id'] } },
  })) as GrantRow | null;
  if (!grant) return;
  const problems: Array<{ path: string; message: string }> = [];
  if (!grant.volunteer) problems.push({ path: 'volunteer', message: 'Bénévole : obligatoire (à qui la compétence est accordée).' });
  if (!grant.skill) problems.push({ path: 'skill', message: 'Compétence : obligatoire.' });
  if (grant.grantedOn && grant.expiresOn && grant.expiresOn < grant.grantedOn) {
    problems.push({ path: 'expiresOn', message: 'Valable jusqu’au : la date de fin précède la date d’obtention.' });
  }
  // A skill that expires is renewed by a new grant (a refresher training), never stretched past its validity.
  const longest = grant.grantedOn && grant.skill?.validityMonths ? grantExpiry(grant.grantedOn, grant.skill.validityMonths) : null;
  if (longest && grant.expiresOn && grant.expiresOn > longest) {
    const french = longest.split('-').reverse().join('/');
    problems.push({ path: 'expiresOn', message: `Valable jusqu’au : cette compétence vaut ${grant.skill!.validityMonths} mois, soit jusqu’au ${french} au plus ; un recyclage la renouvelle par une nouvelle attribution.` });
  }
  if (problems.length) refuse(problems);
  // A skill that expires (effacement certifié : 12 mois) is never granted for life.
  if (grant.expiresOn == null && grant.grantedOn && grant.skill?.validityMonths) {
    await strapi.db.query(SKILL_GRANT_UID).update({ where: { id: grant.id }, data: { expiresOn: grantExpiry(grant.grantedOn, grant.skill.validityMonths) } });
  }
}

async function grantsFromTraining(strapi: Core.Strapi, documentId: string): Promise<void> {
  const training = (await strapi.db.query(TRAINING_UID).findOne({
    where: { documentId },
    populate: { attendees: { select: ['id', 'documentId'] }, skills: { select: ['id', 'documentId', 'validityMonths'] } },
  })) as TrainingRow | null;
  if (!training?.date) return;
  const existing = (await strapi.db.query(SKILL_GRANT_UID).findMany({
    where: { training: { id: training.id } },
    populate: { volunteer: { select: ['id'] }, skill: { select: ['id', 'validityMonths'] } },
  })) as GrantRow[];
  for (const grant of existing) {
    if (grant.grantedOn !== training.date) {
      await strapi.db.query(SKILL_GRANT_UID).update({
        where: { id: grant.id },
        data: { grantedOn: training.date, expiresOn: grantExpiry(training.date, grant.skill?.validityMonths) },
      });
    }
  }
  const has = (volunteer: number, skill: number) => existing.some((g) => g.volunteer?.id === volunteer && g.skill?.id === skill);
  for (const attendee of training.attendees) {
    for (const skill of training.skills) {
      if (has(attendee.id, skill.id)) continue;
      await strapi.documents(SKILL_GRANT_UID as 'api::skill-grant.skill-grant').create({
        data: {
          volunteer: attendee.documentId,
          skill: skill.documentId,
          training: training.documentId,
          grantedOn: training.date,
          expiresOn: grantExpiry(training.date, skill.validityMonths),
          grantedBy: `Formation du ${training.date.split('-').reverse().join('/')} (${training.trainer})`,
        } as never,
      });
    }
  }
}
