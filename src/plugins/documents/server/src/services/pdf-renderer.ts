import { EventEmitter } from 'node:events';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../chromium';
import { MESSAGES } from '../domain/messages';

export interface RendererOptions {
  poolSize: number;
  renderTimeoutMs: number;
  restartEvery: number;
  /** Chromium binary; defaults to CHROMIUM_PATH or the npm-shipped one. */
  executablePath?: () => Promise<string>;
}

/** A render that failed; `message` is French, for staff. */
export class RenderError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'RenderError';
  }
}

/** Only the document's own inline assets: nothing from disk, nothing from the network. */
export function isAllowedRequest(url: string): boolean {
  return url.startsWith('data:');
}

const blockRequest = (request: HTTPRequest): void => {
  if (request.isInterceptResolutionHandled()) return;
  // A navigation (meta refresh, link) answered 204 leaves the document as it is; aborted, it
  // would replace it with an error page. Promises reject only when the page is already gone.
  const resolution = request.isNavigationRequest()
    ? request.respond({ status: 204, body: '' })
    : isAllowedRequest(request.url())
      ? request.continue()
      : request.abort('blockedbyclient');
  resolution.catch(() => undefined);
};

/**
 * One Chromium, launched on the first render, with a bounded pool of reused pages. Every page
 * runs with JavaScript disabled and every request blocked but `data:`. A render that times out
 * kills the browser (it may hang); a crash fails the renders in flight; the next render
 * relaunches it. The browser is also relaunched every `restartEvery` renders.
 *
 * Events (for logs and tests): `launch` (pid), `exit` (pid), `render` (pid, just before
 * printing).
 */
export class PdfRenderer extends EventEmitter {
  private browser: Promise<Browser> | null = null;
  private idle: Page[] = [];
  private active = 0;
  private rendersSinceLaunch = 0;
  private draining = false;
  private closed = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: RendererOptions) {
    super();
  }

  /** Renders a self-contained HTML document to an A4 PDF. */
  async render(html: string): Promise<Buffer> {
    await this.acquire();
    let page: Page | null = null;
    try {
      page = await this.takePage();
      const pdf = await this.withTimeout(this.print(page, html));
      this.idle.push(page);
      page = null;
      return pdf;
    } catch (error) {
      if (page) await page.close().catch(() => undefined);
      if (error instanceof RenderError) throw error;
      throw new RenderError(MESSAGES.renderFailed, error);
    } finally {
      await this.release();
    }
  }

  /** The pid of the running browser, if any (diagnostics). */
  async browserPid(): Promise<number | null> {
    if (!this.browser) return null;
    const browser = await this.browser.catch(() => null);
    return browser?.process()?.pid ?? null;
  }

  /** Closes the browser and refuses further renders. */
  async close(): Promise<void> {
    this.closed = true;
    await this.closeBrowser();
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async print(page: Page, html: string): Promise<Buffer> {
    await page.setContent(html, { waitUntil: 'load', timeout: this.options.renderTimeoutMs });
    this.emit('render', await this.browserPid());
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, timeout: this.options.renderTimeoutMs });
    return Buffer.from(pdf);
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // A page that does not answer may mean a hung browser: start afresh.
        void this.closeBrowser(true);
        reject(new RenderError(MESSAGES.renderTimeout(Math.round(this.options.renderTimeoutMs / 1000))));
      }, this.options.renderTimeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private async acquire(): Promise<void> {
    while (!this.closed && (this.active >= this.options.poolSize || this.draining)) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.closed) throw new RenderError(MESSAGES.rendererClosed);
    this.active += 1;
  }

  private async release(): Promise<void> {
    this.active -= 1;
    this.rendersSinceLaunch += 1;
    if (this.browser && this.rendersSinceLaunch >= this.options.restartEvery) this.draining = true;
    if (this.draining && this.active === 0) {
      await this.closeBrowser();
      this.draining = false;
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async takePage(): Promise<Page> {
    const reused = this.idle.pop();
    if (reused && !reused.isClosed() && reused.browser().connected) return reused;
    let browser = await this.launch();
    if (!browser.connected) {
      // It died and its 'disconnected' event is still on its way.
      if (this.browser) await this.closeBrowser(true);
      browser = await this.launch();
    }
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', blockRequest);
    return page;
  }

  private launch(): Promise<Browser> {
    if (this.browser) return this.browser;
    // A render that was already past acquire() when close() ran must not start a browser nobody closes.
    if (this.closed) return Promise.reject(new RenderError(MESSAGES.rendererClosed));
    const starting = (async () => {
      const executablePath = await (this.options.executablePath ?? chromiumPath)();
      const browser = await puppeteer.launch({
        executablePath,
        headless: true,
        args: [...CHROMIUM_FLAGS, '--headless', '--disable-extensions', '--disable-file-system'],
        // Our own handlers close the browser with the app.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      const pid = browser.process()?.pid ?? null;
      this.rendersSinceLaunch = 0;
      browser.once('disconnected', () => {
        if (this.browser === starting) {
          this.browser = null;
          this.idle = [];
        }
        killGroup(pid);
        this.emit('exit', pid);
      });
      this.emit('launch', pid);
      return browser;
    })();
    this.browser = starting;
    // A failed launch is retried by the next render.
    starting.catch(() => {
      if (this.browser === starting) this.browser = null;
    });
    return starting.catch((error: unknown) => {
      throw new RenderError(MESSAGES.browserUnavailable, error);
    });
  }

  private async closeBrowser(kill = false): Promise<void> {
    const current = this.browser;
    if (!current) return;
    this.browser = null;
    this.idle = [];
    const browser = await current.catch(() => null);
    if (!browser) return;
    const pid = browser.process()?.pid ?? null;
    if (kill) {
      killGroup(pid);
      return;
    }
    await browser.close().catch(() => undefined);
    killGroup(pid);
  }
}

/** Chromium runs in its own process group (puppeteer detaches it): end every child too. */
function killGroup(pid: number | null): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
