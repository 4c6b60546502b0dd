import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { AsyncLocalStorage } from 'node:async_hooks';
import { today } from '../../../../../shared/server/clock';
import { MACHINE_STAGE as M } from '../../../../../shared/vocabulary';
import { currentScope, scopeSql } from '../../../../../shared/server/workshops';

/** The year a thank-you letter generated from the relations route covers (see `withYear`). */
const letterYear = new AsyncLocalStorage<number>();

export interface Impact {
  year: number;
  received: number;
  handedOver: number;
  ready: number;
  dismantled: number;
  recycled: number;
  inProgress: number;
  erasures: number;
  households: number;
  donations: number;
}

interface DonorRow {
  documentId: string;
  name: string;
  kind: string;
  commune: string | null;
  ordiLabelDate: string | null;
  ordiLabelEvent: string | null;
}

const frDate = (iso: string) => new Date(`${iso}T12:00:00.000Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** What a donor's gifts became: the figures of the label certificate and the thank-you letter. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const loadDonor = async (documentId: string): Promise<DonorRow> => {
    const donor = (await strapi.db.query('api::donor.donor').findOne({
      where: { documentId },
      select: ['documentId', 'name', 'kind', 'commune', 'ordiLabelDate', 'ordiLabelEvent'],
    })) as DonorRow | null;
    if (!donor) throw new errors.NotFoundError('Donateur introuvable.');
    return donor;
  };

  return {
    /** Runs `fn` (a document generation) with the thank-you letter covering `year`. */
    withYear<T>(year: number, fn: () => Promise<T>): Promise<T> {
      return letterYear.run(year, fn);
    },

    /** The year a letter covers: the one asked for, else the last complete calendar year. */
    letterYear(): number {
      return letterYear.getStore() ?? Number(today().slice(0, 4)) - 1;
    },

    /**
     * The units the donor gave in `year` (donations collected that year) and what they are now:
     * counted in SQL from the machines' current stage (`pipeline_stage`).
     */
    async impact(donorDocumentId: string, year: number): Promise<Impact> {
      // A donor is shared by the network; what its gifts became is told by the workshop writing
      // the letter: only its donations count (every workshop's for a super-admin or a job).
      const [inScope, scopeBindings] = scopeSql('dw.workshop_id', await currentScope(strapi));
      const scoped = Object.fromEntries(scopeBindings.map((id, i) => [`w${i}`, id]));
      const inScopeNamed = scopeBindings.reduce((sql, _id, i) => sql.replace('?', `:w${i}`), inScope);
      // Raw SQL: aggregates over machines, their donations and erasure records in one pass.
      const { rows } = await strapi.db.connection.raw(
        `WITH units AS (
           SELECT m.id, m.document_id, m.pipeline_stage, d.id AS donation_id
           FROM machines m
           JOIN machines_donation_lnk md ON md.machine_id = m.id
           JOIN donations d ON d.id = md.donation_id
           JOIN donations_donor_lnk dd ON dd.donation_id = d.id
           JOIN donors o ON o.id = dd.donor_id
           LEFT JOIN donations_workshop_lnk dw ON dw.donation_id = d.id
           WHERE o.document_id = :donor AND d.collected_at >= :from AND d.collected_at < :to AND ${inScopeNamed}
         )
         SELECT
           count(*)::int AS received,
           count(DISTINCT donation_id)::int AS donations,
           count(*) FILTER (WHERE pipeline_stage = :handedOver)::int AS handed_over,
           count(*) FILTER (WHERE pipeline_stage IN (:ready, :reserved))::int AS ready,
           count(*) FILTER (WHERE pipeline_stage = :dismantled)::int AS dismantled,
           count(*) FILTER (WHERE pipeline_stage = :recycled)::int AS recycled,
           (SELECT count(DISTINCT (e.machine_document_id, e.device_serial))::int FROM sv_pipeline_erasures e
              WHERE e.result = 'success' AND e.machine_document_id IN (SELECT document_id FROM units)) AS erasures,
           (SELECT count(DISTINCT mp.prescription_id)::int FROM machines_prescription_lnk mp
              JOIN units u ON u.id = mp.machine_id WHERE u.pipeline_stage = :handedOver) AS households
         FROM units`,
        { ...scoped, donor: donorDocumentId, from: `${year}-01-01`, to: `${year + 1}-01-01`, ready: M.ready, reserved: M.reserved, handedOver: M.handedOver, dismantled: M.dismantled, recycled: M.recycled },
      );
      const r = rows[0] as Record<string, number>;
      return {
        year,
        received: r.received,
        donations: r.donations,
        handedOver: r.handed_over,
        ready: r.ready,
        dismantled: r.dismantled,
        recycled: r.recycled,
        inProgress: r.received - r.handed_over - r.ready - r.dismantled - r.recycled,
        erasures: r.erasures,
        households: r.households,
      };
    },

    /** Data of the « Attestation de donateur labellisé Ordi 2.0 »; refused without a label date. */
    async labelCertificateData(donorDocumentId: string): Promise<Record<string, unknown>> {
      const donor = await loadDonor(donorDocumentId);
      if (!donor.ordiLabelDate) {
        throw new errors.ValidationError(`${donor.name} n'a pas de date de labellisation Ordi 2.0 : renseignez « Labellisé Ordi 2.0 le » sur sa fiche.`);
      }
      // Only the issuing workshop's donations (every workshop's for a super-admin or a job): the donor is shared, the figures are not.
      const [inScope, scopeBindings] = scopeSql('dw.workshop_id', await currentScope(strapi));
      const { rows } = await strapi.db.connection.raw(
        `SELECT count(m.id)::int AS received, count(DISTINCT d.id)::int AS donations
         FROM donations d JOIN donations_donor_lnk dd ON dd.donation_id = d.id JOIN donors o ON o.id = dd.donor_id
         LEFT JOIN donations_workshop_lnk dw ON dw.donation_id = d.id
         LEFT JOIN machines_donation_lnk md ON md.donation_id = d.id LEFT JOIN machines m ON m.id = md.machine_id
         WHERE o.document_id = ? AND ${inScope}`,
        [donorDocumentId, ...scopeBindings],
      );
      return {
        donor: { name: donor.name, kind: donor.kind, commune: donor.commune },
        label: { date: donor.ordiLabelDate, dateText: frDate(donor.ordiLabelDate), event: donor.ordiLabelEvent },
        totals: rows[0] as { received: number; donations: number },
      };
    },

    /** Data of the « Lettre de remerciement annuelle ». */
    async thankYouLetterData(donorDocumentId: string): Promise<Record<string, unknown>> {
      const donor = await loadDonor(donorDocumentId);
      const impact = await this.impact(donorDocumentId, this.letterYear());
      return {
        donor: { name: donor.name, kind: donor.kind, commune: donor.commune, labelled: donor.ordiLabelDate != null },
        impact,
        hasUnits: impact.received > 0,
      };
    },
  };
};
