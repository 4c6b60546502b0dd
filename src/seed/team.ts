import type { Core } from '@strapi/strapi';
import { dayOf, now } from '../shared/server/clock';
import { defaultWorkshopId } from '../shared/server/default-workshop';
import { PERMANENCE_UID, PRESENCE_TITLE_SQL, PRESENCE_UID } from '../shared/presences';
import { SKILL_UID, TRAINING_UID, VOLUNTEER_UID } from '../shared/skills';
import { createRandom } from './random';

/**
 * The demo's team (docs/volunteers.md): a dozen volunteers who joined from October 2011 (the bench
 * names of the pipeline's history), their trainings (erasure in January 2012, a refresher a few
 * weeks ago so that those who erase today hold a valid grant), the Tuesday and Thursday afternoon
 * permanences, and the presences with their hours — the 2011–2012 story and the last four months,
 * with two sign-outs never made (« à régulariser »). Deterministic but for the day the seed runs.
 */
export const TEAM = [
  { name: 'Marie K.', startDate: '2011-10-04', endDate: null, erases: true },
  { name: 'Yannick L.', startDate: '2011-10-04', endDate: null, erases: true },
  { name: 'Solène P.', startDate: '2011-10-11', endDate: null, erases: true },
  { name: 'Gaël T.', startDate: '2011-10-18', endDate: null, erases: true },
  { name: 'Anne-Laure B.', startDate: '2011-11-08', endDate: null, erases: false },
  { name: 'Erwan M.', startDate: '2011-11-08', endDate: '2013-06-28', erases: true },
  { name: 'Nolwenn R.', startDate: '2011-11-22', endDate: null, erases: false },
  { name: 'Thierry G.', startDate: '2011-12-06', endDate: '2012-12-20', erases: false },
  { name: 'Katell D.', startDate: '2012-01-10', endDate: null, erases: false },
  { name: 'Ronan F.', startDate: '2012-03-06', endDate: null, erases: false },
  { name: 'Lucie V.', startDate: '2012-05-15', endDate: '2014-09-30', erases: false },
  // Joined recently (days before the seed's day).
  { name: 'Malo C.', startDaysAgo: 130, endDate: null, erases: false },
] as const;

/** The story's permanences: Tuesday and Thursday afternoons, but for the Christmas and summer breaks. */
const STORY = { from: '2011-10-04', to: '2012-08-30', breaks: [['2011-12-24', '2012-01-02'], ['2012-07-28', '2012-08-19']] } as const;
const RECENT_DAYS = 120;
const PLACE = 'Atelier Seconde Vie, Brest';
/** The story's forgotten sign-out: Thierry G.'s last afternoon before he stopped coming. */
const STORY_FORGOTTEN = { name: 'Thierry G.', day: '2012-06-12' };
/** The recent one: the newcomer, at the last permanence before the seed's day. */
const RECENT_FORGOTTEN = 'Malo C.';
const DAY = 86_400_000;

const PARIS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The instant of `minutes` after midnight on `day` in Brest. */
export function brestInstant(day: string, minutes: number): Date {
  const guess = Date.parse(`${day}T00:00:00.000Z`) + minutes * 60_000;
  const p = Object.fromEntries(PARIS.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return new Date(guess - (wall - guess));
}

const weekday = (day: string) => new Date(`${day}T12:00:00.000Z`).getUTCDay();
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00.000Z`) + n * DAY).toISOString().slice(0, 10);

interface LinkMeta {
  joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; inverseOrderColumnName?: string };
}

/** Idempotent: nothing is written when the team is there already. */
export async function seedTeam(strapi: Core.Strapi, created: Record<string, number>): Promise<void> {
  if (await strapi.db.query(VOLUNTEER_UID).findOne({ where: { name: TEAM[0].name }, select: ['id'] })) return;
  const today = dayOf(now());
  const random = createRandom(1818);
  const bump = (key: string, n = 1) => (created[key] = (created[key] ?? 0) + n);

  const team: Array<{ id: number; documentId: string; name: string; startDate: string; endDate: string | null; erases: boolean }> = [];
  for (const t of TEAM) {
    const startDate = 'startDaysAgo' in t ? addDays(today, -t.startDaysAgo) : t.startDate;
    const row = (await strapi.documents(VOLUNTEER_UID as 'api::volunteer.volunteer').create({
      data: {
        name: t.name, startDate, endDate: t.endDate, consentDate: startDate, availability: 'Mardi et jeudi après-midi',
        // Departed more than 24 months ago: their contact is gone (retention, docs/privacy.md).
        email: t.endDate && t.endDate < addDays(today, -730) ? null : `${t.name.toLowerCase().replace(/[^a-z]+/g, '.').replace(/\.$/, '')}@exemple.test`,
      } as never,
    })) as unknown as { id: number; documentId: string };
    team.push({ ...row, name: t.name, startDate, endDate: t.endDate, erases: t.erases });
  }
  bump('volunteer', team.length);

  const skills = new Map(((await strapi.db.query(SKILL_UID).findMany({ select: ['key', 'documentId'] })) as Array<{ key: string; documentId: string }>).map((s) => [s.key, s.documentId]));
  const skill = (...keys: string[]) => keys.map((k) => skills.get(k)).filter((s): s is string => Boolean(s));
  const who = (filter: (v: (typeof team)[number]) => boolean) => team.filter(filter).map((v) => v.documentId);
  const trainings = [
    { date: '2011-11-15', trainer: 'Gwenaëlle M., coordinatrice', content: 'Tri des lots, test du matériel, nettoyage.', skills: skill('sorting', 'hardware_testing', 'cleaning'), attendees: who((v) => v.startDate <= '2011-11-15') },
    { date: '2012-01-17', trainer: 'Gwenaëlle M., coordinatrice', content: 'Effacement certifié (méthodes, journal nwipe, destruction), réinstallation.', skills: skill('erasure', 'reinstalling'), attendees: who((v) => v.erases && v.startDate <= '2012-01-17') },
    { date: '2012-03-20', trainer: 'Marie K. et Gwenaëlle M.', content: 'Tri des lots, test du matériel, nettoyage (nouveaux venus).', skills: skill('sorting', 'hardware_testing', 'cleaning'), attendees: who((v) => v.startDate > '2011-11-15' && v.startDate <= '2012-03-20') },
    { date: addDays(today, -110), trainer: 'Marie K.', content: 'Tri des lots et test du matériel pour un nouveau venu.', skills: skill('sorting', 'hardware_testing'), attendees: who((v) => v.name === 'Malo C.') },
    // The refresher: an erasure grant lasts 12 months; those who erase today hold a valid one.
    { date: addDays(today, -45), trainer: 'Gwenaëlle M., coordinatrice', content: 'Recyclage effacement certifié : nouvelles versions de nwipe, disques NVMe.', skills: skill('erasure'), attendees: who((v) => v.erases && !v.endDate) },
  ];
  for (const t of trainings) {
    await strapi.documents(TRAINING_UID as 'api::training.training').create({ data: t as never });
  }
  bump('training', trainings.length);

  // Permanences: the story's, the last four months', and the next two weeks' (planned, nobody yet).
  const days: string[] = [];
  for (let d: string = STORY.from; d <= STORY.to; d = addDays(d, 1)) {
    if ([2, 4].includes(weekday(d)) && !STORY.breaks.some(([a, b]) => d >= a && d <= b)) days.push(d);
  }
  for (let d = addDays(today, -RECENT_DAYS); d <= addDays(today, 14); d = addDays(d, 1)) if ([2, 4].includes(weekday(d))) days.push(d);
  const inTeam = (v: (typeof team)[number], d: string) => v.startDate <= d && (!v.endDate || v.endDate >= d);

  const sessions: Array<{ id: number; day: string }> = [];
  // Written by the Query Engine (no Document Service rule runs): the workshop is given here (docs/network.md).
  const workshop = await defaultWorkshopId(strapi);
  for (const d of days) {
    const expected = team.filter((v) => inTeam(v, d) && random.next() < 0.55).map((v) => v.id);
    const row = (await strapi.db.query(PERMANENCE_UID).create({
      data: { date: d, startTime: '14:00:00.000', endTime: '18:00:00.000', place: PLACE, expectedVolunteers: expected, workshop, publishedAt: new Date() },
    })) as { id: number };
    sessions.push({ id: row.id, day: d });
  }
  bump('permanence', sessions.length);

  // Presences at the past sessions: an afternoon each, signed at the station (some entered by the
  // coordination afterwards); never two for one person on a day, so none overlaps another.
  const presences: Array<{ data: Record<string, unknown>; volunteer: number; session: number }> = [];
  const stopped = new Set<number>();
  const forgottenRecent = sessions.filter((s) => s.day < today).at(-1);
  for (const s of sessions) {
    if (s.day >= today) continue;
    for (const v of team) {
      const forgotten = (v.name === STORY_FORGOTTEN.name && s.day === STORY_FORGOTTEN.day) || (v.name === RECENT_FORGOTTEN && s === forgottenRecent);
      const present = random.next() < 0.5;
      if (!inTeam(v, s.day) || stopped.has(v.id) || !(present || forgotten)) continue;
      const arrival = 14 * 60 + random.int(-15, 30);
      const departure = 17 * 60 + random.int(15, 75);
      // After a forgotten sign-out nobody signs them in again until it is regularised.
      if (forgotten) stopped.add(v.id);
      const byCoordinator = random.next() < 0.1;
      presences.push({
        volunteer: v.id,
        session: s.id,
        data: {
          signedInAt: brestInstant(s.day, arrival),
          signedOutAt: forgotten ? null : brestInstant(s.day, departure),
          source: byCoordinator ? 'coordinator' : 'station',
          enteredBy: byCoordinator ? 'Coordination' : 'Poste de l’atelier',
          notes: byCoordinator ? 'Oubli de pointage, saisi par la coordination.' : null,
          publishedAt: new Date(),
        },
      });
    }
  }
  // Set-based, as the fleets are: the Query Engine's createMany writes no relation, the link tables are Strapi's own.
  const meta = strapi.db.metadata.get(PRESENCE_UID).attributes as unknown as { volunteer: LinkMeta; session: LinkMeta };
  await strapi.db.transaction(async ({ trx }) => {
    for (let i = 0; i < presences.length; i += 500) {
      const chunk = presences.slice(i, i + 500);
      const { ids } = (await strapi.db.query(PRESENCE_UID).createMany({ data: chunk.map((p) => p.data) })) as { ids: number[] };
      for (const [relation, key] of [['volunteer', 'volunteer'], ['session', 'session']] as const) {
        const { joinTable } = meta[relation];
        await trx(joinTable.name).insert(
          ids.map((id, k) => ({
            [joinTable.joinColumn.name]: id,
            [joinTable.inverseJoinColumn.name]: chunk[k][key],
            ...(joinTable.inverseOrderColumnName ? { [joinTable.inverseOrderColumnName]: k + 1 } : {}),
          }))
        );
      }
    }
    // Their titles, as the Document Service rule writes them (in the seed's transaction: the links are not committed yet).
    await trx.raw(PRESENCE_TITLE_SQL('p.title IS NULL'));
  });
  bump('volunteer-presence', presences.length);
}
