import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { sheetsToCsv, sheetsToXlsx } from '../domain/spreadsheet';
import { bilanSheets, hoursSheets, weeeSheets, type Sheet } from '../domain/tables';
import { getService } from '../utils';
import { bilanParams, periodParams, settingsParams, workshopParam } from './validation';
import { reportScope, workshopsOf, type ReportScope } from '../scope';
import { signedInStaff } from '../../../../../shared/server/display-name';
import { assertNetworkSettingsWriter, scopeOf, scopeWhere } from '../../../../../shared/server/workshops';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const author = signedInStaff;

async function sendSheets(ctx: Context, sheets: Sheet[], format: 'csv' | 'xlsx', filename: string, title: string) {
  ctx.set('Content-Disposition', `attachment; filename="${filename}.${format}"`);
  if (format === 'csv') {
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = sheetsToCsv(sheets);
  } else {
    ctx.type = XLSX;
    ctx.body = await sheetsToXlsx(sheets, title);
  }
}

/** A report over a period (`from`, `to`, `format`): JSON, or its sheets as CSV or XLSX. */
async function periodReport<T extends object>(
  strapi: Core.Strapi,
  ctx: Context,
  compute: (from: string, to: string, scope: ReportScope) => Promise<T>,
  sheets: (data: T) => Sheet[],
  file: string,
  title: string
) {
  const { format = 'json', from, to, workshop } = await periodParams(ctx.query);
  const scope = await reportScope(strapi, ctx, workshop);
  const data = await compute(from, to, scope);
  if (format === 'json') {
    ctx.body = { data: { ...data, scope: scope.covered } };
    return;
  }
  await sendSheets(ctx, sheets(data), format, `${file}-${from}-${to}`, `${title} du ${from} au ${to}`);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The workshops the requester may report on (the admin's « Atelier » picker); `network`: « Réseau » or super-admin. */
  async workshops(ctx: Context) {
    const scope = await scopeOf(strapi, ctx);
    ctx.body = { data: { network: scope.all, workshops: (await workshopsOf(strapi, scope)).map(({ documentId, name, code }) => ({ documentId, name, code })) } };
  },

  /** `?workshop=`: a workshop's documentId, `all` (the network, for « Réseau »), or the requester's workshops. */
  async dashboard(ctx: Context) {
    const { scope, covered } = await reportScope(strapi, ctx, await workshopParam(ctx.query));
    ctx.body = { data: await getService(strapi, 'dashboard').compute(scope, covered) };
  },

  async programmes(ctx: Context) {
    const { scope } = await reportScope(strapi, ctx, await workshopParam(ctx.query));
    const rows = await strapi.db.query('api::funder-programme.funder-programme').findMany({
      where: scopeWhere('api::funder-programme.funder-programme', scope),
      select: ['documentId', 'name', 'funder', 'periodStart', 'periodEnd', 'territory', 'targetPublic'],
      orderBy: [{ periodStart: 'desc' }, { name: 'asc' }],
    });
    ctx.body = { data: rows };
  },

  async bilan(ctx: Context) {
    const { format = 'json', ...params } = await bilanParams(ctx.query);
    const { scope, covered } = await reportScope(strapi, ctx, params.workshop);
    const bilan = await getService(strapi, 'bilan').compute(params, scope, covered);
    if (format === 'json') {
      ctx.body = { data: bilan };
      return;
    }
    const only = covered.workshops.length === 1 && !covered.network ? covered.workshops[0] : null;
    const name = `bilan-${params.from}-${params.to}${params.territory ? `-${params.territory}` : ''}${only?.code ? `-${only.code.toLowerCase()}` : ''}`;
    await sendSheets(ctx, bilanSheets(bilan), format, name, `Bilan du ${params.from} au ${params.to}`);
  },

  async issue(ctx: Context) {
    const { format, ...params } = await bilanParams(ctx.request.body);
    if (format) throw new errors.ValidationError('Format : le bilan émis est un PDF ; les exports CSV et XLSX passent par GET /reporting/bilan.', { field: 'format' });
    const scope = await reportScope(strapi, ctx, params.workshop);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'reports').issue(params, author(ctx), scope) };
  },

  /** Saved bilans: those covering only the requester's workshops (every one for « Réseau »). */
  async issued(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'reports').list(20, await scopeOf(strapi, ctx)) };
  },

  async weee(ctx: Context) {
    await periodReport(strapi, ctx, (from, to, { scope }) => getService(strapi, 'weee').register(from, to, scope), weeeSheets, 'registre-deee', 'Registre DEEE');
  },

  /** Hours per volunteer over a period (Brest days), JSON, CSV or XLSX. */
  async hours(ctx: Context) {
    await periodReport(strapi, ctx, (from, to, { scope }) => getService(strapi, 'volunteers').hours(from, to, scope), hoursSheets, 'heures-benevoles', 'Heures des bénévoles');
  },

  async settings(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'volunteers').settings() };
  },

  async updateSettings(ctx: Context) {
    // One hourly rate for the network's figures: its main workshop's staff change it.
    await assertNetworkSettingsWriter(strapi, await scopeOf(strapi, ctx));
    ctx.body = { data: await getService(strapi, 'volunteers').updateSettings(await settingsParams(ctx.request.body)) };
  },
});
