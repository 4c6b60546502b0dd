import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ValuationRow, VolunteerFigures, VolunteerHours } from '../../../shared/contracts';
import { MESSAGES } from '../domain/messages';
import { today } from '../../../../../shared/server/clock';
import { BREST_DAY_SQL, BREST_TIME_SQL } from '../../../../../shared/presences';
import { isCentAmount } from '../domain/money';
import { ALL, scopeFilter, workshopOf, type WorkshopScope } from '../scope';

/** The SMIC horaire brut in force since 1 January 2026: the default value of a volunteer hour. */
export const DEFAULT_HOURLY_RATE = 12.02;

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
/** Hours from minutes, two decimals. */
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
/** Euros for minutes at a rate, rounded to the cent. */
export const valueOf = (minutes: number, rate: number) => Math.round((minutes * rate) / 60 * 100) / 100;

/**
 * Each presence as the hours count it (docs/volunteers.md « Présences et heures »): its Brest
 * calendar day is the day it started (a stay across midnight counts in full on that day); its
 * minutes are the stay rounded to the minute; an open presence counts no minutes.
 */
const PRESENCES_CTE = (ws = 'TRUE') => `WITH p AS (
    SELECT p.id, p.document_id, l.volunteer_id, ${BREST_DAY_SQL('p.signed_in_at')} AS day,
           p.signed_out_at IS NULL AS open, ${BREST_TIME_SQL('p.signed_in_at')} AS since,
           CASE WHEN p.signed_out_at IS NULL THEN 0 ELSE round(extract(epoch FROM p.signed_out_at - p.signed_in_at) / 60) END AS minutes
      FROM volunteer_presences p
      JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id
     WHERE ${BREST_DAY_SQL('p.signed_in_at')} BETWEEN CAST(:from AS date) AND CAST(:to AS date) AND ${ws})`;

/** A valuation line's period as the accounts read it: `2012-03` → 03/2012, `2012-T1` → T1 2012. */
export const periodLabel = (period: string) => (period.includes('T') ? `${period.slice(5)} ${period.slice(0, 4)}` : `${period.slice(5, 7)}/${period.slice(0, 4)}`);

const settingsStore = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'reporting', key: 'settings' });

/**
 * Volunteers' hours, computed by SQL over the presences (one aggregate per figure, never a loop
 * over records), and their value at the hourly rate kept in the reporting settings.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = async (sql: string, bindings: Record<string, unknown>) => ((await strapi.db.connection.raw(sql, bindings)) as { rows: Row[] }).rows;
  /** A presence counts for its volunteer's workshop. */
  const presenceScope = (scope: WorkshopScope) => scopeFilter(workshopOf(strapi, 'api::volunteer.volunteer', 'l.volunteer_id'), scope);

  return {
    /** The reporting settings: the value of a volunteer hour (euros, the SMIC horaire brut unless staff changed it). */
    async settings(): Promise<{ volunteerHourlyRate: number }> {
      const stored = (await settingsStore(strapi).get({})) as { volunteerHourlyRate?: number } | null;
      const rate = Number(stored?.volunteerHourlyRate);
      return { volunteerHourlyRate: Number.isFinite(rate) && rate > 0 ? rate : DEFAULT_HOURLY_RATE };
    },

    async updateSettings(input: { volunteerHourlyRate: number }): Promise<{ volunteerHourlyRate: number }> {
      const rate = input.volunteerHourlyRate;
      if (!isCentAmount(rate, 1000)) {
        throw new errors.ValidationError(MESSAGES.hourlyRateInvalid, { field: 'volunteerHourlyRate' });
      }
      const current = ((await settingsStore(strapi).get({})) as Record<string, unknown> | null) ?? {};
      await settingsStore(strapi).set({ value: { ...current, volunteerHourlyRate: rate } });
      return { volunteerHourlyRate: rate };
    },

    /** Hours per volunteer in the period, and the presences left open on an earlier day (« à régulariser »). */
    async hours(from: string, to: string, scope: WorkshopScope = ALL): Promise<VolunteerHours> {
      const ws = presenceScope(scope);
      const [perVolunteer, open] = await Promise.all([
        rows(
          `${PRESENCES_CTE(ws.sql)}
           SELECT v.document_id, v.name,
                  count(*) FILTER (WHERE NOT p.open) AS presences,
                  coalesce(sum(p.minutes), 0) AS minutes,
                  count(*) FILTER (WHERE p.open AND p.day < CAST(:today AS date)) AS to_regularise,
                  GROUPING(v.id) AS is_total, count(DISTINCT v.id) AS volunteers
             FROM p JOIN volunteers v ON v.id = p.volunteer_id
            GROUP BY ROLLUP ((v.id, v.document_id, v.name))
            ORDER BY GROUPING(v.id), v.name`,
          { from, to, today: today(), ...ws.bindings }
        ),
        rows(
          `${PRESENCES_CTE(ws.sql)}
           SELECT p.document_id AS presence, v.document_id AS volunteer, v.name, to_char(p.day, 'YYYY-MM-DD') AS day, p.since
             FROM p JOIN volunteers v ON v.id = p.volunteer_id
            WHERE p.open AND p.day < CAST(:today AS date)
            ORDER BY p.day, v.name`,
          { from, to, today: today(), ...ws.bindings }
        ),
      ]);
      const total = perVolunteer.find((r) => n(r.is_total) === 1);
      return {
        from,
        to,
        volunteers: perVolunteer
          .filter((r) => n(r.is_total) === 0)
          .map((r) => ({
            volunteer: String(r.document_id),
            name: String(r.name),
            presences: n(r.presences),
            minutes: n(r.minutes),
            hours: hoursOf(n(r.minutes)),
            toRegularise: n(r.to_regularise),
          })),
        total: { presences: n(total?.presences), minutes: n(total?.minutes), hours: hoursOf(n(total?.minutes)), volunteers: n(total?.volunteers) },
        toRegularise: open.map((r) => ({ presence: String(r.presence), volunteer: String(r.volunteer), name: String(r.name), day: String(r.day), since: String(r.since) })),
      };
    },

    /** The team's figures for a bilan: hours, active volunteers, trainings held, and their value by month (by quarter past 12 months). */
    async figures(from: string, to: string, scope: WorkshopScope = ALL): Promise<VolunteerFigures> {
      const ws = presenceScope(scope);
      const tws = scopeFilter(workshopOf(strapi, 'api::training.training', 't.id'), scope);
      const { volunteerHourlyRate: rate } = await this.settings();
      const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
      const unit: 'month' | 'quarter' = months > 12 ? 'quarter' : 'month';
      const periodSql = unit === 'month' ? `to_char(p.day, 'YYYY-MM')` : `to_char(p.day, 'YYYY-"T"Q')`;
      const [[summary], byPeriod, [trainings]] = await Promise.all([
        rows(
          `${PRESENCES_CTE(ws.sql)}
           SELECT coalesce(sum(p.minutes), 0) AS minutes, count(*) FILTER (WHERE NOT p.open) AS presences,
                  count(DISTINCT p.volunteer_id) AS active, count(*) FILTER (WHERE p.open AND p.day < CAST(:today AS date)) AS to_regularise
             FROM p`,
          { from, to, today: today(), ...ws.bindings }
        ),
        rows(
          `${PRESENCES_CTE(ws.sql)}
           SELECT ${periodSql} AS period, coalesce(sum(p.minutes), 0) AS minutes FROM p WHERE NOT p.open GROUP BY 1 ORDER BY 1`,
          { from, to, ...ws.bindings }
        ),
        rows(
          `SELECT count(DISTINCT t.id) AS held, count(DISTINCT a.volunteer_id) AS attendees
             FROM trainings t LEFT JOIN trainings_attendees_lnk a ON a.training_id = t.id
            WHERE t.date BETWEEN CAST(:from AS date) AND CAST(:to AS date) AND ${tws.sql}`,
          { from, to, ...tws.bindings }
        ),
      ]);
      const valuation: ValuationRow[] = byPeriod.map((r) => ({ period: String(r.period), label: periodLabel(String(r.period)), minutes: n(r.minutes), hours: hoursOf(n(r.minutes)), value: valueOf(n(r.minutes), rate) }));
      const minutes = n(summary?.minutes);
      return {
        minutes,
        hours: hoursOf(minutes),
        presences: n(summary?.presences),
        activeVolunteers: n(summary?.active),
        trainings: { held: n(trainings?.held), attendees: n(trainings?.attendees) },
        hourlyRate: rate,
        value: Math.round(valuation.reduce((sum, r) => sum + r.value * 100, 0)) / 100,
        valuationUnit: unit,
        valuation,
        toRegularise: n(summary?.to_regularise),
      };
    },
  };
};
