import type { Core } from '@strapi/strapi';
import type { Actor } from '../actor';
import { ConflictError } from '../../../../../shared/server/errors';
import { today } from '../../../../../shared/server/clock';
import { grantValidOn, SKILL_GRANT_UID, SKILL_UID, VOLUNTEER_UID } from '../../../../../shared/skills';
import { MACHINE_UID, qualificationsOf, type StageDef, type WorkflowDef } from '../domain/workflow';
import { getService } from '../utils';

/** On what basis a qualified action was made: written in its event (the chain of custody says it). */
export interface QualificationBasis {
  skill: string;
  /** The volunteer linked to the account, and the grant the action was made under. */
  volunteer?: string;
  grant?: string;
  validUntil?: string | null;
  /** Or the exemption the workflow settings give this actor (`strapi-super-admin`, a role code, `api-token`, `system`). */
  exempt?: string;
}

interface VolunteerRow {
  id: number;
  documentId: string;
  name: string;
  endDate: string | null;
  membership?: string | null;
}

interface GrantRow {
  id: number;
  documentId: string;
  grantedOn: string | null;
  expiresOn: string | null;
  volunteer: { documentId: string; name: string } | null;
}

const french = (day: string) => day.slice(0, 10).split('-').reverse().join('/');

/**
 * Qualified actions (docs/volunteers.md): an action or a stage that requires a skill is made only
 * by an account linked to a volunteer (still in the team) holding an unexpired grant of it today
 * (Europe/Paris), or by an actor the workflow settings exempt. Called inside the transaction that
 * records the action: a refusal (409 QUALIFICATION_REQUIRED) rolls everything back.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The exemption the settings give this actor, or null. The app's own work (`system`) is never a person at the bench. */
  exemption(actor: Actor, exempt: string[]): string | null {
    if (actor.type === 'system') return 'system';
    if (actor.type === 'api-token') return exempt.includes('api-token') ? 'api-token' : null;
    if (actor.type !== 'admin') return null;
    if (actor.superAdmin && exempt.includes('strapi-super-admin')) return 'strapi-super-admin';
    return actor.roleCodes.find((code) => exempt.includes(code)) ?? null;
  },

  /** Checks that `actor` may do an action requiring `skillKey`; returns the basis, or throws 409. */
  async require(actor: Actor, skillKey: string, workflow: Pick<WorkflowDef, 'qualifications'>, currentStage: string | null): Promise<QualificationBasis> {
    // A volunteer identified at the bench acts under their own skills: the account's role exempts no one else.
    const exemption = actor.operator ? null : this.exemption(actor, qualificationsOf(workflow).exempt);
    if (exemption) return { skill: skillKey, exempt: exemption };
    const skill = (await strapi.db.query(SKILL_UID).findOne({ where: { key: skillKey }, select: ['name'] })) as { name: string } | null;
    const skillName = skill?.name ?? skillKey;
    const refuse = (why: string): never => {
      throw new ConflictError(`Cette action demande la compétence « ${skillName} » : ${why}`, { rule: 'QUALIFICATION_REQUIRED', currentStage, skill: skillKey, skillName });
    };
    if (!skill) refuse("elle n'existe plus dans le catalogue des compétences ; la coordination la recrée ou change les réglages de la chaîne.");
    if (actor.type === 'api-token') {
      refuse("un jeton API n'est pas une personne formée. Enregistrez l'action avec le compte de la personne qui l'a faite, ou dispensez les jetons API dans les réglages de la chaîne.");
    }
    if (actor.type !== 'admin' || !actor.id) refuse('seule une personne de l’équipe, connectée et formée, peut la faire.');
    const day = today();
    const volunteers = (await strapi.db.query(VOLUNTEER_UID).findMany({
      where: actor.operator ? { documentId: actor.operator.volunteer } : { adminUser: { id: Number(actor.id) } },
      select: ['id', 'documentId', 'name', 'endDate', 'membership'],
    })) as VolunteerRow[];
    if (actor.operator && volunteers.length === 0) refuse(`la fiche de ${actor.operator.name}, au poste, n’existe plus ; signalez-vous à nouveau (badge ou code PIN).`);
    if (volunteers.length === 0) {
      refuse("votre compte n'est lié à aucune fiche de bénévole (Bénévoles, champ « Compte d’accès »). La coordination fait le lien et enregistre votre formation.");
    }
    // A candidate (« Devenir bénévole ») is not in the team until welcomed, whatever they hold.
    const welcomed = volunteers.filter((v) => v.membership !== 'candidate');
    if (welcomed.length === 0) refuse(`${volunteers[0].name} n’est pas encore accueilli·e dans l’équipe (candidature) ; la coordination l’accueille sur la page Bénévoles.`);
    const active = welcomed.filter((v) => !v.endDate || v.endDate.slice(0, 10) >= day);
    if (active.length === 0) {
      refuse(actor.operator ? `${volunteers[0].name}, au poste, a quitté l’équipe le ${french(volunteers[0].endDate!)}.` : `la fiche de bénévole liée à votre compte indique un départ le ${french(volunteers[0].endDate!)}.`);
    }
    const grants = (await strapi.db.query(SKILL_GRANT_UID).findMany({
      where: { volunteer: { id: { $in: active.map((v) => v.id) } }, skill: { key: skillKey } },
      select: ['id', 'documentId', 'grantedOn', 'expiresOn'],
      populate: { volunteer: { select: ['documentId', 'name'] } },
    })) as GrantRow[];
    const valid = grants.filter((g) => grantValidOn(g, day));
    const who = active[0].name;
    if (valid.length === 0) {
      const expired = grants.filter((g) => g.expiresOn && g.expiresOn.slice(0, 10) < day).sort((a, b) => (b.expiresOn! < a.expiresOn! ? -1 : 1))[0];
      if (expired) refuse(`celle de ${who} n'est plus valable depuis le ${french(expired.expiresOn!)} (valable jusqu’au ${french(expired.expiresOn!)} inclus) ; une formation de recyclage la renouvelle.`);
      const later = grants.find((g) => g.grantedOn && g.grantedOn.slice(0, 10) > day);
      if (later) refuse(`celle de ${who} ne vaut qu'à partir du ${french(later.grantedOn!)}.`);
      refuse(`${who} ne l'a pas encore (une formation, ou une attribution par la coordination, la donne).`);
    }
    // The grant that lasts longest (no end first); share-locked, so it cannot be withdrawn under this action.
    const best = [...valid].sort((a, b) => (a.expiresOn === null ? -1 : b.expiresOn === null ? 1 : a.expiresOn < b.expiresOn ? 1 : -1))[0];
    const meta = strapi.db.metadata.get(SKILL_GRANT_UID as 'api::skill-grant.skill-grant');
    const locked = await strapi.db.transaction(async ({ trx }) => trx(meta.tableName).where({ id: best.id }).forShare().first('id'));
    if (!locked) refuse(`la compétence de ${who} vient d'être retirée.`);
    return { skill: skillKey, volunteer: best.volunteer?.documentId, grant: best.documentId, validUntil: best.expiresOn };
  },

  /**
   * Whether `actor` may record an erasure now, without recording anything: what the station
   * offers (the button, or the reason it is not there). The route checks again when it writes.
   */
  async erasureOffer(actor: Actor): Promise<{ allowed: boolean; reason: string | null }> {
    try {
      await strapi.db.transaction(() => this.forErasure(actor, null));
      return { allowed: true, reason: null };
    } catch (error) {
      if (error instanceof ConflictError) return { allowed: false, reason: error.message };
      throw error;
    }
  },

  /** Recording an erasure result: the skill the machines workflow's settings name (default: the erasure skill). */
  async forErasure(actor: Actor, currentStage: string | null): Promise<QualificationBasis | null> {
    const workflow = await getService(strapi, 'workflows').lockForMove(MACHINE_UID);
    const skill = workflow ? qualificationsOf(workflow).erasure : null;
    return workflow && skill ? this.require(actor, skill, workflow, currentStage) : null;
  },

  /** The work of a stage (its checklist, a move out of it): the stage's required skill, if any. */
  async forStage(actor: Actor, workflow: WorkflowDef, stage: StageDef | undefined, currentStage: string | null): Promise<QualificationBasis | null> {
    return stage?.requiredSkill ? this.require(actor, stage.requiredSkill, workflow, currentStage) : null;
  },
});
