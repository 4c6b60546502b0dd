/**
 * The contract of the pipeline's action registry (`strapi.plugin('pipeline').service('actions')`):
 * the automatic actions staff attach to a transition. Another plugin adds its own (documents'
 * « Générer un document ») by registering an ActionType; the pipeline runs it after a move
 * commits. The pipeline's service checks that it fulfils this contract
 * (src/plugins/pipeline/server/src/services/index.ts).
 */
import type { Core } from '@strapi/strapi';
import { pluginService } from '../plugin-service';

/** Who made the move, as far as an action needs to know. */
export interface ActionActor {
  type: string;
  id: string | null;
  name: string;
}

export interface ActionContext<A extends ActionActor = ActionActor> {
  uid: string;
  documentId: string;
  from: string;
  to: string;
  actor: A;
}

export interface ActionType<A extends ActionActor = ActionActor> {
  /** French label shown in the settings page's picker. */
  label: string;
  /** Options the settings page asks for: name → French label. */
  options: Record<string, string>;
  run: (options: Record<string, unknown>, ctx: ActionContext<A>) => Promise<void>;
  /** Problems with options staff typed (French), checked when the workflow is saved. */
  validate?: (options: Record<string, unknown>) => string[];
}

export interface ActionRegistry {
  register(type: string, action: ActionType): void;
  has(type: string): boolean;
}

/** The pipeline's action registry, or undefined when the pipeline plugin is not enabled. */
export const pipelineActions = (strapi: Core.Strapi): ActionRegistry | undefined => pluginService(strapi, 'pipeline', 'actions');
