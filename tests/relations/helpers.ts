import { asLifecycle } from '../../src/shared/server/lifecycle';
import type { TestApp } from '../helpers/app';

/** Fixes the relations plugin's "today" (null: the real date). */
export function setToday(app: TestApp, isoDate: string | null): void {
  const clock = app.strapi.plugin('relations').service('clock') as { set(date: Date | null): void };
  clock.set(isoDate ? new Date(`${isoDate}T10:00:00.000Z`) : null);
}

export const relations = <T>(app: TestApp, name: string) => app.strapi.plugin('relations').service(name) as T;

/** A donor written through the Document Service (numbers and rules applied). */
export async function createDonor(app: TestApp, name: string, data: Record<string, unknown> = {}) {
  return (await app.strapi.documents('api::donor.donor').create({ data: { name, kind: 'company', relationship: 'prospect', ...data } as never })) as { id: number; documentId: string };
}

/** A partnership convention for a donor, in any state: written as the relations lifecycle (or the seed) would. */
export async function createConvention(app: TestApp, donorDocumentId: string, data: Record<string, unknown> = {}) {
  return (await asLifecycle('tests : mise en place', () =>
    app.strapi.documents('api::convention.convention').create({
      data: { kind: 'partnership', donor: donorDocumentId, state: 'draft', ...data } as never,
    }),
  )) as { id: number; documentId: string; number: string };
}

/** The donor's row and the interactions recorded for it, from SQL. */
export async function donorState(app: TestApp, documentId: string) {
  const donor = (await app.sql.query('SELECT relationship FROM donors WHERE document_id = $1', [documentId])).rows[0] as { relationship: string };
  const interactions = (
    await app.sql.query(
      `SELECT i.kind, i.summary, i.author, i.next_step FROM interactions i JOIN interactions_donor_lnk l ON l.interaction_id = i.id
       JOIN donors d ON d.id = l.donor_id WHERE d.document_id = $1 ORDER BY i.id`,
      [documentId],
    )
  ).rows as Array<{ kind: string; summary: string; author: string; next_step: string | null }>;
  return { relationship: donor.relationship, interactions };
}
