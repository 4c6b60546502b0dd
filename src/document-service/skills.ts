import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { WRITES, type DocumentContext } from './context';
import { today } from '../shared/server/clock';
import { staffName, type StaffUser } from '../shared/server/display-name';
import { newBadgeCode } from '../shared/server/badges';
import { PIN_PATTERN } from '../shared/badges';
import { PRESENCE_UID } from '../shared/presences';
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
 *   names the staff member who made it (in the content manager, whatever « Accordée par » the form
 *   sent); a skill that expires gives its grant an end date (`grantExpiry`) when none is set;
 * - a training grants each of its skills to each attendee (one grant per attendee, skill and
 *   training; a grant already made is dated again when the training's date changes), whichever
 *   side of the attendance is written (the training's attendees, the volunteer's trainings). An
 *   attendee taken off the list keeps the grant: the coordination deletes it by hand if it was a
 *   mistake;
 * - a grant is written from its own side only (« Compétence acquise »): the volunteer's
 *   `skillGrants` and the training's `grants` are read-only, so a grant cannot change hands, lose
 *   its holder, or be passed off as a training's from the other side of the relation;
 * - a volunteer with presences, grants or trainings is not deleted (their hours back past bilans,
 *   their grants the certified erasures): « Départ » instead, the retention job erases the contact
 *   details later (docs/privacy.md).
 */
export function skillsMiddleware(strapi: Core.Strapi) {
  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (ctx.action === 'delete' && ctx.uid === VOLUNTEER_UID) return guardVolunteerDeletion(strapi, ctx, next);
    if (!WRITES.has(ctx.action) || ![SKILL_GRANT_UID, TRAINING_UID, VOLUNTEER_UID].includes(ctx.uid)) return next();
    return strapi.db.transaction(async () => {
      ctx.params.data ??= {};
      const data = ctx.params.data;
      const request = strapi.requestContext.get() as RequestLike | undefined;
      const user = request?.state?.user;
      // The grant's own form in the content manager (create, edit, « Dupliquer »).
      const grantForm = ctx.uid === SKILL_GRANT_UID && Boolean(request?.path?.startsWith(`/content-manager/collection-types/${SKILL_GRANT_UID}`));
      if (ctx.uid === VOLUNTEER_UID) await refuseGrantsFromOtherSide(strapi, ctx, 'skillGrants');
      if (ctx.uid === TRAINING_UID) await refuseGrantsFromOtherSide(strapi, ctx, 'grants');
      if (ctx.uid === SKILL_GRANT_UID && grantForm) await grantFromItsForm(strapi, ctx, user);
      if (ctx.uid === SKILL_GRANT_UID && ctx.action !== 'update') {
        if (data.grantedOn == null || data.grantedOn === '') data.grantedOn = today();
        if (!data.grantedBy && data.training == null && user) data.grantedBy = staffName(user);
      }
      if (ctx.uid === VOLUNTEER_UID) await badgeAndPin(strapi, ctx);
      const result = (await next()) as { documentId?: string } | null;
      if (!result?.documentId) return result;
      if (ctx.uid === SKILL_GRANT_UID) await checkGrant(strapi, result.documentId, grantForm && ctx.action !== 'update');
      else if (ctx.uid === TRAINING_UID) await grantsFromTraining(strapi, result.documentId);
      else {
        await checkVolunteer(strapi, result.documentId);
        // Attendance written from the volunteer's side grants the training's skills as the training's side does.
        if (relationAsk(data.trainings) !== 'nothing') await grantsFromAttendance(strapi, result.documentId);
      }
      return result;
    });
  };
}

interface RequestLike {
  path?: string;
  state?: { user?: StaffUser };
}

type RelationAsk = 'nothing' | 'clear' | 'change';

/**
 * What a relation payload asks for: nothing (absent, the content manager's `{ connect: [],
 * disconnect: [] }` of an unchanged form, or the `{ count }` its answers hold), to clear it (`null`, `[]`, `{ set: [] }`), or a change
 * (anything connected, disconnected or set, an id, an array of ids).
 */
function relationAsk(value: unknown): RelationAsk {
  if (value === undefined) return 'nothing';
  if (value === null) return 'clear';
  if (Array.isArray(value)) return value.length > 0 ? 'change' : 'clear';
  if (typeof value !== 'object') return 'change';
  const ops = value as Record<string, unknown>;
  const filled = (x: unknown) => x != null && (!Array.isArray(x) || x.length > 0);
  // `{ count: n }` is what the content manager's record answer holds for a relation: a client that
  // sends back what it read changes nothing (Strapi ignores it).
  if (Object.keys(ops).length === 1 && 'count' in ops) return 'nothing';
  if (Object.keys(ops).some((k) => !['connect', 'disconnect', 'set'].includes(k))) return 'change';
  if (filled(ops.connect) || filled(ops.disconnect) || filled(ops.set)) return 'change';
  return 'set' in ops ? 'clear' : 'nothing';
}

/**
 * A volunteer's `skillGrants` and a training's `grants` are the other side of the grant's own
 * relations: written there, they would move a training's grant to someone who did not attend,
 * leave a grant without a holder, or dress a hand grant as a training's. Refused (French 400,
 * nothing written) unless the payload changes nothing.
 */
async function refuseGrantsFromOtherSide(strapi: Core.Strapi, ctx: DocumentContext, field: 'skillGrants' | 'grants'): Promise<void> {
  const ask = relationAsk(ctx.params.data?.[field]);
  if (ask === 'nothing') return;
  if (ask === 'clear') {
    // Emptying an empty list changes nothing (a new record, or one without grants).
    if (ctx.action !== 'update' || !ctx.params.documentId) return;
    const uid = ctx.uid as 'api::volunteer.volunteer';
    const current = (await strapi.db.query(uid).findOne({ where: { documentId: ctx.params.documentId }, select: ['id'], populate: { [field]: { select: ['id'] } } })) as Record<string, unknown[] | undefined> | null;
    if (!current?.[field]?.length) return;
  }
  const message =
    field === 'skillGrants'
      ? 'Compétences : elles ne se modifient pas depuis la fiche du bénévole. Une compétence s’accorde à la main dans « Compétence acquise » (qui l’accorde y est nommé), ou vient d’une formation à laquelle la personne a assisté (« Formation », participants) ; une compétence donnée par erreur se supprime dans « Compétence acquise ».'
      : 'Compétences acquises : elles sont en lecture seule ; la formation accorde ses compétences à ses participants (ajoutez la personne aux participants). Une compétence accordée à la main se gère dans « Compétence acquise ».';
  refuse([{ path: field, message }]);
}

/**
 * A grant written in its own content-manager form: « Formation » is read-only (a grant comes from
 * a training only when the training made it for an attendee); a training's grant stays with its
 * attendee; a grant made by hand names the staff member who made it, never a typed text (an edit
 * keeps who made it).
 */
async function grantFromItsForm(strapi: Core.Strapi, ctx: DocumentContext, user: StaffUser | undefined): Promise<void> {
  const data = ctx.params.data!;
  const current =
    ctx.action === 'update' && ctx.params.documentId
      ? ((await strapi.db.query(SKILL_GRANT_UID).findOne({
          where: { documentId: ctx.params.documentId },
          select: ['id', 'grantedBy'],
          populate: { training: { select: ['id'] } },
        })) as { id: number; grantedBy: string | null; training: { id: number } | null } | null)
      : null;
  const trainingAsk = relationAsk(data.training);
  if (trainingAsk === 'change' || (trainingAsk === 'clear' && current?.training)) {
    refuse([{ path: 'training', message: 'Formation : en lecture seule. Une compétence vient d’une formation quand la formation l’accorde à ses participants ; une compétence accordée à la main le reste.' }]);
  }
  if (current?.training && relationAsk(data.volunteer) !== 'nothing') {
    refuse([{ path: 'volunteer', message: 'Bénévole : cette compétence vient d’une formation et reste à la personne qui y a assisté. Pour quelqu’un d’autre, ajoutez-le aux participants de la formation, ou accordez-lui la compétence à la main.' }]);
  }
  if (ctx.action === 'update') {
    delete data.grantedBy;
    if (current && !current.training && !current.grantedBy && user) data.grantedBy = staffName(user);
  } else {
    delete data.training;
    data.grantedBy = user ? staffName(user) : null;
  }
}

/**
 * A volunteer who has presences, grants or attended trainings is not deleted, whatever the path
 * (content manager, bulk delete, app code): the presences' hours back past bilans, the grants are
 * the basis certified erasures name, the trainings their origin. French 400, nothing deleted.
 * The row is locked first, so a presence or grant written meanwhile is counted.
 */
async function guardVolunteerDeletion(strapi: Core.Strapi, ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> {
  const documentId = ctx.params.documentId;
  if (!documentId) return next();
  return strapi.db.transaction(async ({ trx }) => {
    const rows = (await trx('volunteers').where({ document_id: documentId }).forUpdate().select('id', 'name')) as Array<{ id: number; name: string }>;
    if (rows.length === 0) return next();
    const where = { volunteer: { id: { $in: rows.map((r) => r.id) } } };
    const presences = await strapi.db.query(PRESENCE_UID as 'api::volunteer-presence.volunteer-presence').count({ where });
    const grants = await strapi.db.query(SKILL_GRANT_UID).count({ where });
    const trainings = await strapi.db.query(TRAINING_UID).count({ where: { attendees: { id: { $in: rows.map((r) => r.id) } } } });
    if (presences + grants + trainings > 0) {
      const held = [
        presences ? `${presences} présence(s) (leurs heures comptent dans les bilans déjà donnés)` : null,
        grants ? `${grants} compétence(s) acquise(s) (la base des effacements certifiés)` : null,
        trainings ? `${trainings} formation(s) suivie(s)` : null,
      ].filter(Boolean);
      const message =
        `« ${rows[0].name} » ne peut pas être supprimé·e : sa fiche porte ${held.join(', ')}. ` +
        'Quand une personne quitte l’équipe, enregistrez son départ (bouton « Départ » sur la page « Bénévoles ») : ses coordonnées sont effacées 24 mois après la date de départ par la tâche de conservation (docs/privacy.md), son nom et ses heures restent. ' +
        'Si ces éléments ont été saisis par erreur, supprimez-les d’abord (« Présence », « Compétence acquise », participants de la « Formation »).';
      throw new errors.ApplicationError(message, { rule: 'VOLUNTEER_HAS_HISTORY', presences, grants, trainings });
    }
    return next();
  });
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

async function checkGrant(strapi: Core.Strapi, documentId: string, byHand = false): Promise<void> {
  const grant = (await strapi.db.query(SKILL_GRANT_UID).findOne({
    where: { documentId },
    populate: { volunteer: { select: ['id'] }, skill: { select: ['id', 'validityMonths'] }, training: { select: ['id'] } },
  })) as GrantRow | null;
  if (!grant) return;
  const problems: Array<{ path: string; message: string }> = [];
  if (!grant.volunteer) problems.push({ path: 'volunteer', message: 'Bénévole : obligatoire (à qui la compétence est accordée).' });
  if (!grant.skill) problems.push({ path: 'skill', message: 'Compétence : obligatoire.' });
  // « Dupliquer » a training's grant in the content manager would make a second one the training never made.
  if (byHand && grant.training) problems.push({ path: 'training', message: 'Formation : une compétence créée dans ce formulaire est accordée à la main, elle ne vient d’aucune formation ; la formation accorde ses compétences à ses participants.' });
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

/** Attendance written from the volunteer's side (their « Formations suivies »): each training they attend grants its skills. */
async function grantsFromAttendance(strapi: Core.Strapi, volunteerDocumentId: string): Promise<void> {
  const volunteer = (await strapi.db.query(VOLUNTEER_UID).findOne({
    where: { documentId: volunteerDocumentId },
    select: ['id'],
    populate: { trainings: { select: ['documentId'] } },
  })) as { id: number; trainings?: Array<{ documentId: string }> } | null;
  for (const training of volunteer?.trainings ?? []) await grantsFromTraining(strapi, training.documentId);
}
