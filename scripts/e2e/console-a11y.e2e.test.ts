import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { launchChromium, screenshot } from './browser.js';
import { type ConsoleStart, startConsole } from './console-start.js';

const HOSPITAL = 'riverside';
/** WCAG 2.0, 2.1 and 2.2, levels A and AA (contrast included), and axe's best practices. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** WCAG relative luminance and contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The focused element: its name, its focus outline, and the colour behind it (first opaque ancestor). */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  let behind = 'rgb(255, 255, 255)';
  for (let n = el.parentElement; n; n = n.parentElement) {
    const bg = getComputedStyle(n).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(bg)) { behind = bg; break; }
  }
  return {
    name: el.tagName.toLowerCase() + ' ' + (el.getAttribute('aria-label') || el.textContent || el.id || '').trim().slice(0, 40),
    outline: style.outlineStyle === 'none' ? null : style.outlineColor,
    width: parseFloat(style.outlineWidth),
    behind,
  };
})()`;

/**
 * Accessibility measured: axe-core (through @axe-core/playwright) over every screen of the console
 * in Chromium — each screen any role's navigation offers, a patient's record, a bed board while
 * admitting, an audit trail, and a form showing a refused field — must report no WCAG A/AA
 * violation. A screen added to the navigation is checked without touching this file.
 */
describe('console in a browser: accessibility (axe-core, WCAG 2.2 A/AA)', function () {
  this.timeout(240_000);
  let chartline: ConsoleStart | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let patientId = '';
  let stayId = '';
  let wardId = '';
  const checked: string[] = [];

  before(async function () {
    browser = await launchChromium(this);
    chartline = await startConsole();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // A patient waiting for a bed, so the record, the board's admission mode and the audit have something to show.
    const send = async (path: string, body: Record<string, unknown>) => {
      const res = await fetch(`${chartline!.commandUrl}/hospitals/${HOSPITAL}/${path}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${chartline!.tokens['front_desk']}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': uuidv7(),
        },
        body: JSON.stringify(body),
      });
      expect(res.ok, await res.clone().text()).to.equal(true);
      return (await res.json()) as { id: string };
    };
    const wards = (await (
      await fetch(`${chartline.readUrl}/hospitals/${HOSPITAL}/wards`, {
        headers: { Authorization: `Bearer ${chartline.tokens['front_desk']}` },
      })
    ).json()) as { items: { wardId: string }[] };
    wardId = wards.items[0]!.wardId;
    patientId = (
      await send('patients/register-patient', {
        givenName: 'Mary',
        familyName: 'Seacole',
        birthDate: '1955-11-23',
        sex: 'female',
      })
    ).id;
    stayId = (await send('admissions/request-admission', { patientId, wardId })).id;
  });

  after(async () => {
    await browser?.close();
    await chartline?.stop();
  });

  /** Opens a screen as a role, waits for it (and its reads) to settle, and runs axe over the whole page. */
  async function audit(role: string, hash: string, name: string, shown?: () => Promise<void>): Promise<string[]> {
    await page.getByLabel(/^Role/).selectOption(role);
    await page.goto(`${chartline!.consoleUrl}/${hash}`);
    await shown?.();
    await settle();
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    checked.push(`${name} (${role})`);
    await screenshot(page, `a11y-${name}`);
    return result.violations.map(
      (v) =>
        `${name} as ${role}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`)
          .join(' | ')}`,
    );
  }

  /** Nothing loading any more (the header's busy indicator is empty), three times in a row. */
  async function settle(): Promise<void> {
    for (let quiet = 0; quiet < 3; ) {
      await page.waitForTimeout(300);
      quiet = (await page.locator('.busy').textContent()) === '' ? quiet + 1 : 0;
    }
  }

  it('shows a focus ring of at least 3:1 against what is behind it on every element the keyboard reaches (WCAG 1.4.11, 2.4.7)', async () => {
    // axe does not measure focus indicators: this walks the keyboard through the bed board (the
    // header's dark bar, the board's cards and buttons) and measures each ring.
    await page.goto(`${chartline!.consoleUrl}/`);
    await page.getByLabel(/^Role/).selectOption('front_desk');
    await page.goto(`${chartline!.consoleUrl}/#/beds/${wardId}/admit/${stayId}/${patientId}`);
    await page.getByRole('button', { name: 'Admit here' }).first().waitFor({ timeout: 15_000 });
    await page.locator('body').click({ position: { x: 1, y: 300 } });
    const faint: string[] = [];
    let reached = 0;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate<{ name: string; outline: string | null; width: number; behind: string } | null>(
        FOCUSED,
      );
      if (!f) continue;
      reached++;
      if (!f.outline || f.width < 2) faint.push(`${f.name}: no visible focus ring`);
      else if (contrast(f.outline, f.behind) < 3)
        faint.push(`${f.name}: ring ${f.outline} on ${f.behind} is ${contrast(f.outline, f.behind).toFixed(2)}:1`);
    }
    expect(reached).to.be.greaterThan(8);
    expect(faint, faint.join('\n')).to.deep.equal([]);
  });

  it('finds a violation when there is one (a low-contrast line put on the page)', async () => {
    await page.goto(`${chartline!.consoleUrl}/#/patients`);
    await settle();
    await page.evaluate(`document.querySelector('main').insertAdjacentHTML('beforeend',
      '<p id="faint" style="color:#b0b0b0;background:#ffffff">A faint line</p>')`);
    const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const contrast = result.violations.find((v) => v.id === 'color-contrast');
    expect(contrast?.nodes.map((n) => n.target.join(' '))).to.deep.equal(['#faint']);
  });

  it('reports no violation on any screen any role’s navigation offers', async () => {
    await page.goto(`${chartline!.consoleUrl}/`);
    await page.getByLabel('Hospital').selectOption(HOSPITAL);
    const roles = await page
      .getByLabel(/^Role/)
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value')!));
    expect(roles.length).to.be.greaterThan(1);
    const seen = new Set<string>();
    const violations: string[] = [];
    for (const role of roles) {
      await page.getByLabel(/^Role/).selectOption(role);
      await settle();
      const screens = await page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('link')
        .evaluateAll((links) => links.map((l) => l.getAttribute('href')!));
      for (const hash of screens.filter((s) => !seen.has(s))) {
        seen.add(hash);
        violations.push(...(await audit(role, hash, hash.replace(/^#\//, '').replaceAll('/', '-'))));
      }
    }
    expect(seen.size).to.be.greaterThan(2);
    expect(violations, violations.join('\n')).to.deep.equal([]);
  });

  it('reports no violation on a patient’s record, a board while admitting, an audit trail, the staff screen, the stores’ moves and a refused field', async () => {
    const violations = [
      ...(await audit('front_desk', `#/patients/${patientId}`, 'patient-record', () =>
        page.getByRole('cell', { name: 'planned' }).waitFor({ timeout: 15_000 }),
      )),
      ...(await audit('front_desk', `#/beds/${wardId}/admit/${stayId}/${patientId}`, 'bed-board-admitting', () =>
        page.getByRole('button', { name: 'Admit here' }).first().waitFor({ timeout: 15_000 }),
      )),
      ...(await audit(
        'auditor',
        `#/audit/${encodeURIComponent(`patient-${HOSPITAL}.${patientId}`)}`,
        'audit-trail',
        () => page.getByText(/^Verified: \d+ events/).waitFor({ timeout: 15_000 }),
      )),
      // The staff screen and the stores' moves (their forms show only to the roles that use them).
      ...(await audit('ward_manager', '#/hr', 'staff-roster-leave', () =>
        page.getByRole('form', { name: 'Request leave for someone' }).waitFor({ timeout: 15_000 }),
      )),
      ...(await audit('storekeeper', '#/stock', 'stock-transfer-disposal', () =>
        page.getByRole('form', { name: 'Dispose of stock' }).waitFor({ timeout: 15_000 }),
      )),
    ];
    // A refused field: its message beside the input must be as readable as the rest.
    await page.goto(`${chartline!.consoleUrl}/#/patients`);
    await page.getByLabel(/^Role/).selectOption('front_desk');
    const register = page.getByRole('region', { name: 'Register a patient' });
    await register.getByLabel('Family name').fill('x'.repeat(101));
    await register.getByLabel('Given name').fill('Ada');
    await register.getByLabel('Birth date').fill('1990-04-01');
    await register.getByLabel('Sex').selectOption('female');
    await register.getByRole('button', { name: 'Register' }).click();
    await register.getByText('The name is at most 100 characters.').waitFor({ timeout: 10_000 });
    const refused = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    violations.push(...refused.violations.map((v) => `refused field: ${v.id} ${v.help}`));
    await screenshot(page, 'a11y-refused-field');
    console.log(`      checked: ${checked.join(', ')}, refused field`);
    expect(violations, violations.join('\n')).to.deep.equal([]);
  });
});
