import type { Core } from '@strapi/strapi';

/** One erasure of one storage device, as the erasure certificate prints it. */
export interface ErasureRow {
  deviceSerial: string | null;
  method: string;
  tool: string | null;
  passed: boolean;
  performedAt: string | null;
  operator: string | null;
}

/** Where erasure records come from: the pipeline plugin provides one. */
export type ErasureSource = (machineDocumentId: string) => Promise<ErasureRow[]>;

const PIPELINE_ERASURE = 'plugin::pipeline.erasure-record';

/** The pipeline's erasure methods as a certificate names them. */
export const METHOD_LABELS: Record<string, string> = {
  nist_clear: 'NIST SP 800-88 Clear (réécriture)',
  nist_purge: 'NIST SP 800-88 Purge',
  nist_destroy: 'NIST SP 800-88 Destroy',
  overwrite: 'Réécriture multi-passes',
  ata_secure_erase: 'ATA Secure Erase',
  nvme_sanitize: 'NVMe Sanitize',
  physical_destruction: 'Destruction physique',
  removed: 'Support retiré de l’unité',
};

/**
 * Reads `plugin::pipeline.erasure-record` when that content type exists (machineDocumentId,
 * deviceSerial — the disk's serial, or `#n` for the n-th disk without one —, method, tool,
 * result 'success'|'failure', endedAt, operator); [] otherwise. Another plugin can replace it
 * with `register`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let source: ErasureSource = async (machineDocumentId) => {
    if (!strapi.contentTypes[PIPELINE_ERASURE as keyof typeof strapi.contentTypes]) return [];
    // Typed loosely: the pipeline plugin's type is not generated in this app yet.
    const rows = (await strapi.db.query(PIPELINE_ERASURE as 'plugin::documents.template').findMany({
      where: { machineDocumentId },
      orderBy: { id: 'asc' },
    })) as unknown as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      deviceSerial: (r.deviceSerial as string | null) ?? null,
      method: METHOD_LABELS[String(r.method)] ?? String(r.method ?? ''),
      tool: [r.tool, r.toolVersion].filter(Boolean).join(' ') || null,
      passed: r.result === 'success',
      performedAt: r.endedAt ? new Date(r.endedAt as string).toISOString() : null,
      operator: (r.operator as string | null) ?? null,
    }));
  };
  return {
    forMachine: (machineDocumentId: string) => source(machineDocumentId),
    /** Lets the pipeline plugin (or an integration) provide the erasure records. */
    register(next: ErasureSource) {
      source = next;
    },
  };
};
