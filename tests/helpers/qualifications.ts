import type { TestApp } from './app';

/**
 * The team as the workshop records it (docs/volunteers.md): a volunteer linked to a staff
 * account, and a skill granted to them. Tests whose staff record erasures as the Atelier or
 * Coordination role give them the erasure skill this way, as a coordinator would.
 */
export async function volunteerFor(app: TestApp, email: string, extra: Record<string, unknown> = {}): Promise<{ documentId: string }> {
  const user = (await app.strapi.db.query('admin::user').findOne({ where: { email }, select: ['id'] })) as { id: number } | null;
  if (!user) throw new Error(`no staff account ${email}`);
  return app.strapi.documents('api::volunteer.volunteer').create({
    data: { name: `Bénévole ${email}`, startDate: '2011-09-01', adminUser: user.id, ...extra } as never,
  }) as Promise<{ documentId: string }>;
}

/** Grants a skill (by key) to a volunteer by hand; dates default as the app sets them (today, the skill's validity). */
export async function grantSkill(app: TestApp, volunteer: string, skillKey = 'erasure', dates: { grantedOn?: string; expiresOn?: string | null } = {}): Promise<{ documentId: string }> {
  const skill = (await app.strapi.db.query('api::skill.skill').findOne({ where: { key: skillKey }, select: ['documentId'] })) as { documentId: string };
  return app.strapi.documents('api::skill-grant.skill-grant').create({
    data: { volunteer, skill: skill.documentId, grantedOn: dates.grantedOn ?? null, expiresOn: dates.expiresOn ?? null, notes: 'tests' } as never,
  }) as Promise<{ documentId: string }>;
}

/** A staff account linked to a volunteer who holds the erasure skill (granted by hand today, for the skill's 12 months). */
export async function trainForErasure(app: TestApp, email: string): Promise<void> {
  const volunteer = await volunteerFor(app, email);
  await grantSkill(app, volunteer.documentId, 'erasure');
}

/** Sets the machines workflow's exemptions, as a coordinator would in the workflow settings. */
export async function setExemptions(app: TestApp, exempt: string[]): Promise<void> {
  const workflows = app.strapi.plugin('pipeline').service('workflows');
  const current = await workflows.get('machines');
  await workflows.update('machines', { ...current, qualifications: { ...current.qualifications, exempt } }, {}, { type: 'admin', id: null, name: 'Coordination (tests)', roleCodes: [], superAdmin: true });
}

/** A calendar day (YYYY-MM-DD) `days` after today in Europe/Paris, the workshop's « today ». */
export function parisDay(days = 0): string {
  const d = new Date(`${new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
