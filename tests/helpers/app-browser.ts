import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.KIRINUKI_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; a missing binary fails with the command that installs it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or run: node scripts/ensure-system-tools.mjs)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page of the app at `url` (1280x800 unless told), with every console error and page error collected. */
export async function openAppPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; consoleErrors: string[] }> {
  const consoleErrors: string[] = [];
  const page = await browser.newPage({ viewport });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(url);
  return { page, consoleErrors };
}

/**
 * Waits until the page has drawn `count` more frames, so what a resize made the app render (a
 * ResizeObserver's measure, then React's render of it) is on screen. Frames, not a fixed time: a
 * busy machine draws them later and the wait is longer.
 */
export async function framesDrawn(page: Page, count = 3): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((done) => {
        const raf = (globalThis as unknown as { requestAnimationFrame: (callback: () => void) => number }).requestAnimationFrame;
        const next = (left: number): void => void (left === 0 ? done() : raf(() => next(left - 1)));
        next(n);
      }),
    count,
  );
}
