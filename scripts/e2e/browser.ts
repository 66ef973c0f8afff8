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

/**
 * The controls inside `main` (links, buttons, inputs, selects) that Tab never reaches: walks the
 * keyboard from the top of the page through every focus stop (up to `max` presses) and lists the
 * enabled controls never focused. A screen must answer [] (WCAG 2.1.1, keyboard).
 */
export async function unreachableByKeyboard(page: Page, max = 300): Promise<string[]> {
  const controls = await page.evaluate<number>(`(() => {
    let n = 0;
    document.querySelectorAll('main a[href], main button, main input, main select, main textarea').forEach((el, i) => {
      if (!el.disabled) { el.setAttribute('data-kb', String(i)); n++; }
    });
    window.__reached = new Set();
    document.addEventListener('focusin', (e) => {
      const k = e.target && e.target.getAttribute && e.target.getAttribute('data-kb');
      if (k) window.__reached.add(k);
    });
    document.activeElement && document.activeElement.blur && document.activeElement.blur();
    return n;
  })()`);
  if (controls === 0) throw new Error('unreachableByKeyboard: no control in main to reach (wrong screen?)');
  for (let i = 0; i < max; i++) await page.keyboard.press('Tab');
  return page.evaluate<string[]>(`[...document.querySelectorAll('[data-kb]')]
    .filter((el) => !window.__reached.has(el.getAttribute('data-kb')))
    .map((el) => el.outerHTML.slice(0, 120))`);
}
