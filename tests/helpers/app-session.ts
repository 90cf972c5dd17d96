import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAppPage } from './app-browser.js';
import { startServe, type ServeProcess } from './app-serve-process.js';

/** A fresh folder with the app's projects and config, `kirinuki serve` on it, and a page of the app in Chromium. */
export interface AppSession {
  base: string;
  /** `<base>/projects`, the served projects root. */
  root: string;
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  consoleErrors: string[];
  /** Closes the browser, stops serve and removes the folder. */
  close: () => Promise<void>;
}

/**
 * Starts an e2e session: `kirinuki-e2e-<name>-` in the temp folder, config of its own and no API key
 * (plus `env`), the page at `viewport` (openAppPage's default unless told).
 */
export async function startAppSession(name: string, options: { env?: NodeJS.ProcessEnv; viewport?: { width: number; height: number } } = {}): Promise<AppSession> {
  const base = await mkdtemp(join(tmpdir(), `kirinuki-e2e-${name}-`));
  const root = join(base, 'projects');
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await serve?.stop();
    await rm(base, { recursive: true, force: true });
  };
  try {
    serve = await startServe(['--out', root], { KIRINUKI_CONFIG_DIR: join(base, 'config'), YOUTUBE_API_KEY: '', ...options.env });
    browser = await launchChromium();
    const { page, consoleErrors } = await openAppPage(browser, serve.url, options.viewport);
    return { base, root, serve, browser, page, consoleErrors, close };
  } catch (error) {
    // nothing of a session that did not start is left running or on disk
    await close();
    throw error;
  }
}
