import type { Core } from '@strapi/strapi';
import type { DocumentsConfig } from '../config';
import { MESSAGES } from '../domain/messages';
import { resolveChromium, systemProbe } from '../chromium';
import { PdfRenderer, RenderError } from './pdf-renderer';

/** The app's one renderer, launched on the first render and closed with the app. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let renderer: PdfRenderer | null = null;
  let closed = false;
  const instance = () => {
    // A render asked for after the app closed the renderer would start a Chromium nobody stops.
    if (closed) throw new RenderError(MESSAGES.rendererClosed);
    if (!renderer) {
      const config = strapi.config.get('plugin::documents') as DocumentsConfig;
      renderer = new PdfRenderer({ poolSize: config.poolSize, renderTimeoutMs: config.renderTimeoutMs, restartEvery: config.restartEvery });
      renderer.on('launch', (pid: number | null) => strapi.log.debug(`documents : Chromium démarré (pid ${pid}).`));
    }
    return renderer;
  };
  return {
    render: async (html: string) => instance().render(html),
    /** Which Chromium a render would launch (CHROMIUM_PATH or the npm package), without launching it. */
    chromium: () => resolveChromium(process.env, systemProbe),
    /** The underlying renderer (diagnostics and tests). */
    instance,
    async close() {
      closed = true;
      const current = renderer;
      renderer = null;
      await current?.close();
    },
  };
};
