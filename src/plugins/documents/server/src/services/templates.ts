import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { templateHash } from '../domain/hash';
import { KIND_WHERE, KINDS, type TemplateKind } from '../domain/kinds';
import { MESSAGES } from '../domain/messages';
import { DEFAULT_TEMPLATES, type DefaultTemplate } from '../templates';
import { UID } from '../utils';
import { recordScopeWhere } from '../scope';
import { ALL, type WorkshopScope } from '../../../../../shared/server/workshops';

export interface TemplateRow {
  id: number;
  documentId: string;
  name: string;
  kind: TemplateKind;
  targetUid: string;
  html: string;
  css: string | null;
  version: number;
  defaultKey: string | null;
  defaultHash: string | null;
  defaultVersion: number | null;
}

export type InstallOutcome = 'installed' | 'upgraded' | 'kept-edited' | 'unchanged';

const fromDefault = (t: DefaultTemplate) => ({
  name: t.name,
  kind: t.kind,
  targetUid: KINDS[t.kind].targetUid,
  html: t.html,
  css: t.css,
  defaultKey: t.key,
  defaultHash: templateHash(t.html, t.css),
  defaultVersion: t.version,
});

const SAMPLE_LABEL: Record<string, string> = {
  'api::machine.machine': 'labelCode',
  'api::convention.convention': 'number',
  'api::prescription.prescription': 'number',
  'api::donation.donation': 'reference',
  'api::donor.donor': 'name',
  'plugin::outreach.campaign': 'name',
  'plugin::reporting.report': 'title',
  'plugin::network.transfer': 'number',
};

/** Records a kind applies to beyond KIND_WHERE: a donor with a label date, a transfer accepted or further on. */
const SAMPLE_WHERE: Partial<Record<TemplateKind, Record<string, unknown>>> = {
  'label-certificate': { ordiLabelDate: { $notNull: true } },
  'transfer-slip': { state: { $in: ['accepted', 'shipped', 'received'] } },
};

/** A template staff changed since it was installed from its default. */
export const isEdited = (row: Pick<TemplateRow, 'html' | 'css' | 'defaultHash'>): boolean =>
  row.defaultHash !== null && templateHash(row.html, row.css) !== row.defaultHash;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(UID.template);

  return {
    /**
     * Installs the shipped defaults: a missing one is created; one staff never edited follows
     * a newer shipped version; one staff edited is kept as it is.
     */
    async installDefaults(defaults: DefaultTemplate[] = DEFAULT_TEMPLATES): Promise<Record<string, InstallOutcome>> {
      const outcomes: Record<string, InstallOutcome> = {};
      for (const shipped of defaults) {
        outcomes[shipped.key] = await strapi.db.transaction(async () => {
          const row = (await query().findOne({ where: { defaultKey: shipped.key } })) as TemplateRow | null;
          if (!row) {
            await query().create({ data: { ...fromDefault(shipped), version: 1 } });
            return 'installed';
          }
          if ((row.defaultVersion ?? 0) >= shipped.version) return 'unchanged';
          if (isEdited(row)) {
            strapi.log.warn(`documents : le modèle « ${row.name} » a été modifié par l'atelier ; sa nouvelle version par défaut n'est pas appliquée.`);
            return 'kept-edited';
          }
          await query().update({ where: { id: row.id }, data: { ...fromDefault(shipped), version: row.version + 1 } });
          return 'upgraded';
        });
      }
      return outcomes;
    },

    /** Puts a shipped template back to its current default text (a new version). */
    async reset(documentId: string): Promise<TemplateRow> {
      return strapi.db.transaction(async () => {
        const row = (await query().findOne({ where: { documentId } })) as TemplateRow | null;
        if (!row) throw new errors.NotFoundError(MESSAGES.templateNotFound);
        const shipped = DEFAULT_TEMPLATES.find((t) => t.key === row.defaultKey);
        if (!shipped) throw new errors.ValidationError(MESSAGES.templateNotDefault);
        return (await query().update({ where: { id: row.id }, data: { ...fromDefault(shipped), version: row.version + 1 } })) as TemplateRow;
      });
    },

    /** A template named by a pipeline action: its default key (e.g. `handover-receipt`), or its documentId. */
    async byKey(key: string): Promise<TemplateRow | null> {
      if (!key) return null;
      return ((await query().findOne({ where: { defaultKey: key } })) ?? (await query().findOne({ where: { documentId: key } }))) as TemplateRow | null;
    },

    async findOne(documentId: string): Promise<TemplateRow> {
      const row = (await query().findOne({ where: { documentId } })) as TemplateRow | null;
      if (!row) throw new errors.NotFoundError(MESSAGES.templateNotFound);
      return row;
    },

    /** The template to use for a kind: the one asked for, else the shipped default. */
    async forKind(kind: TemplateKind, documentId?: string): Promise<TemplateRow> {
      if (documentId) {
        const row = await this.findOne(documentId);
        if (row.kind !== kind) throw new errors.ValidationError(MESSAGES.templateWrongTarget(KINDS[row.kind].label));
        return row;
      }
      const row = (await query().findOne({ where: { kind, defaultKey: { $notNull: true } }, orderBy: { id: 'asc' } })) as TemplateRow | null;
      if (!row) throw new errors.NotFoundError(MESSAGES.templateNotFound);
      return row;
    },

    /** Up to 50 records to preview a kind with, of the scope's workshops: their documentId and a human label. */
    async sampleRecords(kind: TemplateKind, scope: WorkshopScope = ALL): Promise<Array<{ documentId: string; label: string }>> {
      const uid = KINDS[kind].targetUid;
      const labelField = SAMPLE_LABEL[uid];
      const where: Record<string, unknown> = {
        ...KIND_WHERE[kind],
        ...SAMPLE_WHERE[kind],
        ...recordScopeWhere(strapi, uid, scope),
      };
      const rows = (await strapi.db.query(uid as 'api::machine.machine').findMany({ where, select: ['documentId', labelField], orderBy: { id: 'asc' }, limit: 50 })) as Array<Record<string, string>>;
      return rows.map((row) => ({ documentId: row.documentId, label: row[labelField] ?? row.documentId }));
    },

    async list(): Promise<Array<TemplateRow & { edited: boolean }>> {
      const rows = (await query().findMany({ orderBy: [{ kind: 'asc' }, { id: 'asc' }] })) as TemplateRow[];
      return rows.map((row) => ({ ...row, edited: isEdited(row) }));
    },
  };
};
