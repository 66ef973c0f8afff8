import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's `chromium` package (Playwright's own browser downloads cannot be fetched here). */
const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string | undefined {
  return CANDIDATES.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
}

/** Call from a mocha `before` (function): the browser, or the suite skipped with the reason printed. */
export async function launchChromium(ctx: Mocha.Context): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.log(
      '      skipped: no Chromium found (install Debian’s `chromium` package — `.ci/run` does — or set CHROMIUM_PATH)',
    );
    ctx.skip();
  }
  // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Screenshots of each screen, saved by every run (gitignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../console/test-output/screenshots/', import.meta.url));

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** Console errors and uncaught exceptions a page produced (a screen must produce none). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Every input, select and textarea on the page has an accessible label. */
export async function unlabelledInputs(page: Page): Promise<string[]> {
  // Runs in the page (a string: this file is compiled without the DOM library).
  return page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea')]
    .filter((el) => {
      const id = el.getAttribute('id');
      const labelled = id !== null && document.querySelector('label[for="' + CSS.escape(id) + '"]') !== null;
      return !labelled && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby');
    })
    .map((el) => el.outerHTML.slice(0, 120))`);
}
