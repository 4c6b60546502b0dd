/**
 * The contract of the documents plugin's `renderer` service as other plugins read it
 * (`strapi.plugin('documents').service('renderer')`): HTML in, PDF out, and which Chromium a render
 * would launch. Chromium's location and flags stay in the documents plugin
 * (src/plugins/documents/server/src/chromium.ts); the plugin checks that its service keeps
 * fulfilling this contract (src/plugins/documents/server/src/services/index.ts).
 */
import type { Core } from '@strapi/strapi';
import { pluginService } from '../plugin-service';

/** Where the renderer's Chromium comes from, or, in French, what is missing and how to fix it. */
export type ChromiumResolution =
  | { ok: true; source: 'CHROMIUM_PATH'; executable: string }
  | { ok: true; source: 'npm' }
  | { ok: false; problem: string };

export interface RendererService {
  /** The PDF of an HTML document. */
  render(html: string): Promise<Buffer>;
  /** Which Chromium a render would launch, checked without launching it. Never throws. */
  chromium(): ChromiumResolution;
}

/** The documents plugin's renderer, or undefined when the documents plugin is not enabled. */
export const documentsRenderer = (strapi: Core.Strapi): RendererService | undefined => pluginService(strapi, 'documents', 'renderer');
