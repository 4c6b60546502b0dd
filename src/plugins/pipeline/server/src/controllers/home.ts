import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { midnightSql, today } from '../../../../../shared/server/clock';
import type { HomeSummary } from '../../../shared/contracts';
import { MACHINE_UID, PRESCRIPTION_UID } from '../domain/workflow';
import { documentsInScopeSql, requestScope } from '../scope';

/** The admin home page's « Ma journée au poste »: what this staff member recorded today. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async home(ctx: Context) {
    const user = (ctx.state as { user?: { id: number } }).user;
    const knex = strapi.db.connection;
    const day = today();
    const machines = strapi.db.metadata.get(MACHINE_UID).tableName;
    // The workshop's calendar day (Europe/Paris), as every "today" in the app.
    const mine = knex('sv_pipeline_events')
      .where({ actor_type: 'admin', actor_id: String(user?.id ?? '') })
      .andWhereRaw(`at >= ${midnightSql('?')} AND at < ${midnightSql('CAST(? AS date) + 1')}`, [day, day]);
    // My workshops' figures only: what I did on units and prescriptions of a workshop I no longer work for is left out.
    const scope = await requestScope(strapi, ctx);
    if (!scope.all) {
      const [machinesSql, machineBindings] = documentsInScopeSql(strapi, MACHINE_UID, 'subject_id', scope);
      const [prescriptionsSql, prescriptionBindings] = documentsInScopeSql(strapi, PRESCRIPTION_UID, 'subject_id', scope);
      mine.andWhereRaw(`(subject_type NOT IN (?, ?) OR (subject_type = ? AND ${machinesSql}) OR (subject_type = ? AND ${prescriptionsSql}))`, [
        MACHINE_UID,
        PRESCRIPTION_UID,
        MACHINE_UID,
        ...machineBindings,
        PRESCRIPTION_UID,
        ...prescriptionBindings,
      ]);
    }
    const counts = (await mine.clone().select('kind').count('* as n').groupBy('kind')) as Array<{ kind: string; n: string | number }>;
    const units = (await knex
      .with('mine', mine.clone().where({ subject_type: MACHINE_UID }).select('subject_id').max('at as last').groupBy('subject_id'))
      .from('mine')
      .join(`${machines} as m`, 'm.document_id', 'mine.subject_id')
      .select('m.document_id', 'm.label_code', 'm.pipeline_stage', 'mine.last')
      .orderBy('mine.last', 'desc')
      .limit(6)) as Array<{ document_id: string; label_code: string; pipeline_stage: string | null; last: Date | string }>;
    const unitCount = (await mine.clone().where({ subject_type: MACHINE_UID }).countDistinct('subject_id as n').first()) as { n: string | number } | undefined;
    const body: HomeSummary = {
      today: day,
      myDay: {
        events: Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)])),
        units: Number(unitCount?.n ?? 0),
        recent: units.map((u) => ({ documentId: u.document_id, labelCode: u.label_code, stage: u.pipeline_stage, at: new Date(u.last).toISOString() })),
      },
    };
    ctx.body = { data: body };
  },
});
