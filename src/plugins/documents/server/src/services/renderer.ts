import type { Core } from '@strapi/strapi';
import type { DocumentsConfig } from '../config';
import { PdfRenderer } from './pdf-renderer';

/** The app's one renderer, launched on the first render and closed with the app. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let renderer: PdfRenderer | null = null;
  const instance = () => {
    if (!renderer) {
      const config = strapi.config.get('plugin::documents') as DocumentsConfig;
      renderer = new PdfRenderer({ poolSize: config.poolSize, renderTimeoutMs: config.renderTimeoutMs, restartEvery: config.restartEvery });
      renderer.on('launch', (pid: number | null) => strapi.log.debug(`documents : Chromium démarré (pid ${pid}).`));
    }
    return renderer;
  };
  return {
    render: (html: string) => instance().render(html),
    /** The underlying renderer (diagnostics and tests). */
    instance,
    async close() {
      const current = renderer;
      renderer = null;
      await current?.close();
    },
  };
};
