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
