/**
 * The contract of the pipeline's `workflows` service as other plugins read it
 * (`strapi.plugin('pipeline').service('workflows')`): a workflow and its stages as staff set them.
 * The pipeline's own types (src/plugins/pipeline/shared/contracts.ts) say more; this is the part
 * the others rely on, and the pipeline checks that its service keeps fulfilling it
 * (src/plugins/pipeline/server/src/services/index.ts).
 */
import type { Core } from '@strapi/strapi';
import { pluginService } from '../plugin-service';

export interface WorkflowStage {
  key: string;
  label: string;
  color: string;
  position: number;
  terminal: boolean;
}

export interface WorkflowView {
  key: string;
  contentType: string;
  stages: WorkflowStage[];
}

export interface WorkflowsReader {
  /** A workflow by its key (`machines`, `prescriptions`). */
  get(key: string): Promise<WorkflowView>;
  /** The workflow of a content type, or null if it has none. */
  forContentType(uid: string): Promise<WorkflowView | null>;
}

/** The pipeline's workflows, or undefined when the pipeline plugin is not enabled. */
export const pipelineWorkflows = (strapi: Core.Strapi): WorkflowsReader | undefined => pluginService(strapi, 'pipeline', 'workflows');
