/**
 * What the network plugin's transfers need from the pipeline, and what the pipeline and the
 * Document Service need from transfers (docs/network.md, « Transferts »), without either importing
 * the other: the chain of custody's `append` (pipeline `history`), and the one question « is this
 * unit held by an open transfer? », answered from the transfers' tables.
 */
import type { Core } from '@strapi/strapi';
import { pluginService } from '../plugin-service';

export interface ChainActor {
  type: 'admin' | 'api-token' | 'user' | 'system';
  id: string | null;
  name: string;
  roleCodes: string[];
  superAdmin: boolean;
}

export interface ChainEvent {
  subjectType: string;
  subjectId: string;
  kind: 'transfer';
  details: Record<string, unknown>;
}

/** The pipeline's `history` service, as the network plugin appends to a unit's chain. */
export interface ChainAppender {
  append(event: ChainEvent, actor: ChainActor): Promise<unknown>;
}

export const chainAppender = (strapi: Core.Strapi) => pluginService<ChainAppender>(strapi, 'pipeline', 'history');

/** States in which a transfer holds its units (the network plugin's domain/steps.ts says the same). */
export const HOLDING_TRANSFER_STATES = ['proposed', 'accepted', 'shipped'] as const;

export const IN_TRANSFER_MESSAGE = (labels: string) =>
  `Ces machines sont dans un transfert entre ateliers en cours (${labels}) : ni l'atelier qui cède ni celui qui reçoit ne les déplace avant la réception.`;

/** The units (by id) held by an open transfer, with its number; empty when the network plugin is absent. */
export async function unitsInOpenTransfer(strapi: Core.Strapi, machineIds: number[]): Promise<Array<{ machineId: number; labelCode: string | null; number: string | null }>> {
  if (machineIds.length === 0) return [];
  // No query to learn whether the tables exist: inside a move, a second connection taken from the
  // pool while the move holds one starves the pool under twenty simultaneous moves.
  if (!(strapi.contentTypes as unknown as Record<string, unknown>)['plugin::network.transfer']) return [];
  const knex = strapi.db.connection;
  // Inside the caller's transaction when there is one (the Query Engine's connection is bound to it).
  const query = strapi.db.inTransaction()
    ? (q: string, b: unknown[]) => strapi.db.transaction(async ({ trx }) => trx.raw(q, b as never))
    : (q: string, b: unknown[]) => knex.raw(q, b as never);
  const result = (await query(
    `SELECT l.machine_id AS "machineId", m.label_code AS "labelCode", t.number
       FROM sv_transfers_machines_lnk l JOIN sv_transfers t ON t.id = l.transfer_id JOIN machines m ON m.id = l.machine_id
      WHERE l.machine_id = ANY(?) AND t.state = ANY(?)`,
    [machineIds, [...HOLDING_TRANSFER_STATES]],
  )) as { rows: Array<{ machineId: number; labelCode: string | null; number: string | null }> };
  return result.rows;
}
