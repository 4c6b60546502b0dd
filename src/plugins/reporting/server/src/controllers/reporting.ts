import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { sheetsToCsv, sheetsToXlsx } from '../domain/spreadsheet';
import { bilanSheets, hoursSheets, weeeSheets, type Sheet } from '../domain/tables';
import { getService } from '../utils';
import { bilanParams, periodParams, settingsParams } from './validation';
import { signedInStaff } from '../../../../../shared/server/display-name';

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
async function periodReport<T>(ctx: Context, compute: (from: string, to: string) => Promise<T>, sheets: (data: T) => Sheet[], file: string, title: string) {
  const { format = 'json', from, to } = await periodParams(ctx.query);
  const data = await compute(from, to);
  if (format === 'json') {
    ctx.body = { data };
    return;
  }
  await sendSheets(ctx, sheets(data), format, `${file}-${from}-${to}`, `${title} du ${from} au ${to}`);
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async dashboard(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'dashboard').compute() };
  },

  async programmes(ctx: Context) {
    const rows = await strapi.db.query('api::funder-programme.funder-programme').findMany({
      select: ['documentId', 'name', 'funder', 'periodStart', 'periodEnd', 'territory', 'targetPublic'],
      orderBy: [{ periodStart: 'desc' }, { name: 'asc' }],
    });
    ctx.body = { data: rows };
  },

  async bilan(ctx: Context) {
    const { format = 'json', ...params } = await bilanParams(ctx.query);
    const bilan = await getService(strapi, 'bilan').compute(params);
    if (format === 'json') {
      ctx.body = { data: bilan };
      return;
    }
    const name = `bilan-${params.from}-${params.to}${params.territory ? `-${params.territory}` : ''}`;
    await sendSheets(ctx, bilanSheets(bilan), format, name, `Bilan du ${params.from} au ${params.to}`);
  },

  async issue(ctx: Context) {
    const { format, ...params } = await bilanParams(ctx.request.body);
    if (format) throw new errors.ValidationError('Format : le bilan émis est un PDF ; les exports CSV et XLSX passent par GET /reporting/bilan.', { field: 'format' });
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'reports').issue(params, author(ctx)) };
  },

  async issued(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'reports').list() };
  },

  async weee(ctx: Context) {
    await periodReport(ctx, (from, to) => getService(strapi, 'weee').register(from, to), weeeSheets, 'registre-deee', 'Registre DEEE');
  },

  /** Hours per volunteer over a period (Brest days), JSON, CSV or XLSX. */
  async hours(ctx: Context) {
    await periodReport(ctx, (from, to) => getService(strapi, 'volunteers').hours(from, to), hoursSheets, 'heures-benevoles', 'Heures des bénévoles');
  },

  async settings(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'volunteers').settings() };
  },

  async updateSettings(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'volunteers').updateSettings(await settingsParams(ctx.request.body)) };
  },
});
