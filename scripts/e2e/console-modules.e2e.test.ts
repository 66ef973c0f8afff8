import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { collectErrors, launchChromium, screenshot, unlabelledInputs } from './browser.js';
import { cleanEnv, type Spawned, spawnTs } from './spawned.js';

/**
 * The laboratory, stock and billing screens in a real browser (Debian's Chromium through
 * playwright-core) against one embedded `npm start` and one browser shared by every spec (CI has a
 * time budget). Each spec is one person's main flow through the public APIs, switching roles with
 * the role picker as the hand-offs between people happen.
 */
describe('console in a browser: laboratory, stock and billing', function () {
  this.timeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'chartline-console-modules-'));
  const run = Date.now()
    .toString(36)
    .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!);
  const familyName = `Curie${run}`;
  let chartline: Spawned | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let errors: string[];
  let consoleUrl = '';
  let patientId = '';

  const as = async (role: string) => {
    await page.getByLabel('Role (demo token)').selectOption(role);
  };
  const go = async (hash: string) => {
    await page.goto(`${consoleUrl}/#/${hash}`);
  };
  /** A refused command is one console error the browser logs (the 4xx it fetched): expected, so dropped. */
  const forgetRefusal = (status: number) => {
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes(`status of ${status}`)));
  };

  before(async function () {
    browser = await launchChromium(this);
    chartline = spawnTs(
      'scripts/start.ts',
      ['--data-dir', dataDir, '--command-port', '0', '--read-port', '0', '--console-port', '0'],
      cleanEnv(),
    );
    await chartline.waitFor(/Ready in/, 120_000);
    consoleUrl = /console +(http:\/\/127\.0\.0\.1:\d+)/.exec(chartline.output())![1]!;
    // A fresh clone builds the assets in the background: wait for the console itself.
    for (let i = 0; i < 120; i++) {
      if ((await fetch(`${consoleUrl}/`)).status === 200) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = collectErrors(page);

    // The front desk registers the patient every spec works for.
    await page.goto(`${consoleUrl}/`);
    await page.getByLabel('Hospital').selectOption('riverside');
    await as('front_desk');
    const register = page.getByRole('region', { name: 'Register a patient' });
    await register.getByLabel('Given name').fill('Marie');
    await register.getByLabel('Family name').fill(familyName);
    await register.getByLabel('Birth date').fill('1967-11-07');
    await register.getByLabel('Sex').selectOption('female');
    await register.getByRole('button', { name: 'Register' }).click();
    const record = register.getByRole('link', { name: 'Open the patient’s record' });
    await record.waitFor({ timeout: 15_000 });
    patientId = decodeURIComponent((await record.getAttribute('href'))!.split('/')[2]!);
    expect(patientId).to.match(/^[0-9a-f-]{36}$/);
  });

  after(async () => {
    await browser?.close();
    await chartline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('laboratory', () => {
    let orderId = '';
    const row = (stage: string) => {
      const r = page.locator(`tr[data-order-id="${orderId}"]`);
      return { open: () => go(`lab/worklist/${stage}`), row: r };
    };

    it('physician: orders a stat potassium for the patient from their record', async () => {
      await as('physician');
      await go(`patients/${patientId}`);
      await page.getByRole('link', { name: 'Laboratory: order tests, results' }).click();
      const form = page.getByRole('form', { name: 'Order laboratory tests' });
      await form.getByLabel('Test or panel').selectOption({ label: 'Potassium (2823-3)' });
      await form.getByLabel('Priority').selectOption('stat');
      await form.getByRole('button', { name: 'Order' }).click();
      const follow = form.getByRole('link', { name: 'Follow the order' });
      await follow.waitFor({ timeout: 15_000 });
      orderId = decodeURIComponent((await follow.getAttribute('href'))!.split('/')[3]!);
      expect(orderId).to.match(/^[0-9a-f-]{36}$/);
      // Physicians order and acknowledge; the bench's worklists are not offered to them.
      expect(await page.getByRole('navigation', { name: 'Laboratory' }).getByText('Worklists').count()).to.equal(0);
      await screenshot(page, '10-lab-order');
    });

    it('nurse collects, the technician receives and records a critical value', async () => {
      await as('nurse');
      const collect = row('awaiting_collection');
      await collect.open();
      await collect.row.getByRole('button', { name: 'Collect specimen' }).click();
      await collect.row.waitFor({ state: 'detached', timeout: 15_000 });

      await as('lab_technician');
      const receipt = row('awaiting_receipt');
      await receipt.open();
      const accession = (await receipt.row.locator('td').nth(3).innerText()).split(/\s/)[0]!;
      expect(accession).to.match(/^L\d{8}[0-9A-Z]$/);
      // Scanning another specimen's label is refused beside the field, in the lab's words.
      await receipt.row.getByLabel('Scanned accession number (optional)').fill('L00000000X');
      await receipt.row.getByRole('button', { name: 'Receive' }).click();
      await receipt.row.locator('.field-error').first().waitFor({ timeout: 15_000 });
      forgetRefusal(400);
      forgetRefusal(409);
      await receipt.row.getByLabel('Scanned accession number (optional)').fill(accession);
      await receipt.row.getByRole('button', { name: 'Receive' }).click();
      await receipt.row.waitFor({ state: 'detached', timeout: 15_000 });

      const bench = row('in_progress');
      await bench.open();
      await bench.row.getByLabel('Result (mmol/L)').fill('7.4');
      await screenshot(page, '11-lab-worklist-result');
      await bench.row.getByRole('button', { name: 'Record result' }).click();
      await bench.row.waitFor({ state: 'detached', timeout: 15_000 });

      const verification = row('awaiting_verification');
      await verification.open();
      await verification.row.getByText('7.4 mmol/L (CRITICALLY HIGH)').waitFor({ timeout: 15_000 });
    });

    it('physician: the critical value is in the open critical results, acknowledged only with read-back', async () => {
      await as('physician');
      await go('lab/critical');
      const card = page.locator(`li[data-order-id="${orderId}"]`);
      await card.waitFor({ timeout: 15_000 });
      expect(await card.getByRole('heading').innerText()).to.equal('Potassium 7.4 mmol/L — critically high');
      expect(await card.innerText()).to.match(/Open for \d+ min/);
      await card.getByRole('link', { name: new RegExp(familyName) }).waitFor({ timeout: 15_000 });

      // Without the read-back the API refuses; the rule is shown beside the checkbox, which gets the focus.
      await card.getByLabel('Person told (name and role)').fill('Dr Ward, registrar on call');
      await card.getByRole('button', { name: 'Acknowledge' }).click();
      const readBack = card.getByLabel(/They read the value back: Potassium 7\.4 mmol\/L/);
      await card
        .getByText('A critical result is acknowledged only after the person told read the value back.')
        .waitFor({
          timeout: 15_000,
        });
      expect(await readBack.getAttribute('aria-invalid')).to.equal('true');
      expect(await page.evaluate('document.activeElement && document.activeElement.name')).to.equal('readBack');
      forgetRefusal(409);
      await screenshot(page, '12-lab-critical-read-back-refused');

      // Keyboard only: tick the read-back with the space bar, send with Enter from the button.
      await readBack.press('Space');
      await card.getByRole('button', { name: 'Acknowledge' }).focus();
      await page.keyboard.press('Enter');
      await card.waitFor({ state: 'detached', timeout: 15_000 });
      expect(await unlabelledInputs(page)).to.deep.equal([]);
    });

    it('lab supervisor: verifies the result; the order shows it final with the acknowledgement', async () => {
      await as('lab_supervisor');
      const verification = row('awaiting_verification');
      await verification.open();
      await verification.row.getByRole('button', { name: 'Verify and release' }).click();
      await verification.row.waitFor({ state: 'detached', timeout: 15_000 });
      await go(`lab/orders/${orderId}`);
      const tests = page.getByRole('table', { name: 'Tests of this order' });
      await tests.getByText('final').waitFor({ timeout: 15_000 });
      await tests.getByText(/acknowledged .* \(told Dr Ward, registrar on call\)/).waitFor();
      await screenshot(page, '13-lab-order-final');
      expect(await unlabelledInputs(page)).to.deep.equal([]);
    });
  });

  // Last (mocha runs a suite's own specs before its nested suites): every screen above, no console errors.
  describe('afterwards', () => {
    it('produced no console errors on any screen', () => {
      expect(errors).to.deep.equal([]);
    });
  });
});
