/**
 * Volunteers' skills (docs/volunteers.md): the catalogue's defaults, what may be exempted from a
 * required skill, and how long a grant lasts. Read by the app (bootstrap, Document Service rules)
 * and by the pipeline (qualified actions).
 */

export const VOLUNTEER_UID = 'api::volunteer.volunteer';
export const SKILL_UID = 'api::skill.skill';
export const TRAINING_UID = 'api::training.training';
export const SKILL_GRANT_UID = 'api::skill-grant.skill-grant';

/** The skill certified erasure requires by default. */
export const ERASURE_SKILL = 'erasure';

export interface SkillSeed {
  key: string;
  name: string;
  /** Months a grant lasts; null: it does not expire. */
  validityMonths: number | null;
}

/** The catalogue installed when it is empty (staff edit it afterwards in the content manager). */
export const DEFAULT_SKILLS: SkillSeed[] = [
  { key: 'sorting', name: 'Tri', validityMonths: null },
  { key: 'hardware_testing', name: 'Test matériel', validityMonths: null },
  { key: ERASURE_SKILL, name: 'Effacement certifié', validityMonths: 12 },
  { key: 'cleaning', name: 'Nettoyage', validityMonths: null },
  { key: 'reinstalling', name: 'Réinstallation', validityMonths: null },
  { key: 'pickup', name: 'Collecte', validityMonths: null },
];

/** Who may be exempted from a required skill in the workflow settings, and how staff read it. */
export const QUALIFICATION_EXEMPTIONS = {
  'strapi-super-admin': 'Super-administrateurs',
  'seconde-vie-coordination': 'Coordination',
  'seconde-vie-atelier': 'Atelier',
  'api-token': 'Jetons API (outils de l’atelier)',
} as const;

export type QualificationExemption = keyof typeof QUALIFICATION_EXEMPTIONS;

export const SKILL_KEY = /^[a-z][a-z0-9_]*$/;

/**
 * The last day a grant is valid (inclusive): the day before the same date `months` later (a
 * 31st becomes the month's last day). Null months: no end.
 */
export function grantExpiry(grantedOn: string, months: number | null | undefined): string | null {
  if (!months) return null;
  const [y, m, d] = grantedOn.slice(0, 10).split('-').map(Number);
  const monthIndex = m - 1 + months;
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  const same = new Date(Date.UTC(y, monthIndex, Math.min(d, lastDay)));
  same.setUTCDate(same.getUTCDate() - 1);
  return same.toISOString().slice(0, 10);
}

/** A grant counts on `day` (YYYY-MM-DD, Europe/Paris) when granted on or before it and not past its last day. */
export function grantValidOn(grant: { grantedOn: string | null; expiresOn: string | null }, day: string): boolean {
  if (!grant.grantedOn || grant.grantedOn.slice(0, 10) > day) return false;
  return grant.expiresOn === null || grant.expiresOn.slice(0, 10) >= day;
}

/**
 * Where a volunteer stands (the attribute `membership`: Strapi 5's content manager reads a
 * `status` in a body as the draft/published status): a candidate (the public form, not yet welcomed), in
 * the team, or gone.
 */
export const VOLUNTEER_STATUSES = ['candidate', 'active', 'left'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export const VOLUNTEER_DATE_MESSAGES = {
  startDate: 'Arrivée le : obligatoire pour une personne de l’équipe (statut « Actif·ve » ou « Parti·e ») ; seule une candidature peut ne pas en avoir.',
  endDate: 'Départ le : obligatoire pour une personne partie (statut « Parti·e »).',
  order: 'Départ le : la date de départ précède la date d’arrivée.',
} as const;

/** What is wrong with a volunteer's dates for their status (empty: nothing). */
export function volunteerDateProblems(v: { membership: VolunteerStatus | null; startDate: string | null; endDate: string | null }): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const status = v.membership ?? 'active';
  if (status !== 'candidate' && !v.startDate) problems.push({ path: 'startDate', message: VOLUNTEER_DATE_MESSAGES.startDate });
  if (status === 'left' && !v.endDate) problems.push({ path: 'endDate', message: VOLUNTEER_DATE_MESSAGES.endDate });
  if (v.startDate && v.endDate && v.endDate.slice(0, 10) < v.startDate.slice(0, 10)) problems.push({ path: 'endDate', message: VOLUNTEER_DATE_MESSAGES.order });
  return problems;
}

/** Days before its end a grant is shown as « expire bientôt ». */
export const EXPIRY_WARNING_DAYS = 30;

/** How the « Bénévoles » page shows a grant on `day`: lapsed, ending within 30 days, valid, or not started. */
export function grantTone(grant: { grantedOn: string | null; expiresOn: string | null }, day: string): 'expired' | 'expiring' | 'valid' | 'future' {
  if (grant.grantedOn && grant.grantedOn.slice(0, 10) > day) return 'future';
  if (!grant.expiresOn) return 'valid';
  const end = grant.expiresOn.slice(0, 10);
  if (end < day) return 'expired';
  const limit = new Date(`${day}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + EXPIRY_WARNING_DAYS);
  return end <= limit.toISOString().slice(0, 10) ? 'expiring' : 'valid';
}
