import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { HR_ROSTER_START } from '../modules/hr/index.js';
import { collectErrors, launchChromium, screenshot, unlabelledInputs, unreachableByKeyboard } from './browser.js';
import { type ConsoleStart, startConsole } from './console-start.js';

/**
 * The staff screen (a ward's roster for a week with its coverage; leave requests decided) and the
 * stores' moves (a transfer dispatched from one location and received at the other; a disposal,
 * always witnessed) in Chromium against one embedded start shared by every spec. Each screen: every
 * input labelled, every control reached by the keyboard, no console error.
 */
describe('console in a browser: staff (roster, leave) and stock moves (transfer, disposal)', function () {
  this.timeout(240_000);
  let chartline: ConsoleStart | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let errors: string[];

  const as = (role: string) => page.getByLabel('Role (demo token)').selectOption(role);
  const go = (hash: string) => page.goto(`${chartline!.consoleUrl}/#/${hash}`);
  const nav = (screen: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen });
  /** A refused command is one console error the browser logs (the 4xx it fetched): expected, so dropped. */
  const forgetRefusal = (status: number) =>
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes(`status of ${status}`)));
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

  before(async function () {
    browser = await launchChromium(this);
    chartline = await startConsole();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    errors = collectErrors(page);
    await page.goto(`${chartline.consoleUrl}/`);
    await page.getByLabel('Hospital').selectOption('riverside');
  });

  after(async () => {
    await browser?.close();
    await chartline?.stop();
  });

  describe('staff', () => {
    it('ward manager: the demo week’s roster of each ward with its coverage, named staff and the shifts short', async () => {
      await as('ward_manager');
      await nav('Staff').click();
      // The demo's rostered week (the demo workload's fixed dates).
      await page.getByLabel('Week starting').fill(HR_ROSTER_START);
      const weekEnd = new Date(Date.parse(`${HR_ROSTER_START}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Ward', { exact: true }).locator('option').first().waitFor({ state: 'attached' });
      const wards = await page
        .getByLabel('Ward', { exact: true })
        .locator('option')
        .evaluateAll((os) => os.map((o) => o.getAttribute('value')!));
      expect(wards.length).to.be.greaterThan(0);
      let rostered = 0;
      for (const ward of wards) {
        await page.getByLabel('Ward', { exact: true }).selectOption(ward);
        const coverage = page.getByRole('table', {
          name: new RegExp(`^Coverage of .*, ${HR_ROSTER_START} to ${weekEnd}$`),
        });
        await coverage.waitFor({ timeout: 15_000 });
        const rows = coverage.locator('tbody tr');
        const count = await rows.count();
        expect(count % 7, 'every day of the week, once per shift type').to.equal(0);
        // Each row: required against rostered, and the gap in words.
        for (let i = 0; i < count; i++) {
          const [required, assigned, words] = await Promise.all(
            [2, 3, 4].map((c) => rows.nth(i).locator('td').nth(c).innerText()),
          );
          const gap = Math.max(0, Number(required) - Number(assigned));
          expect(words).to.equal(gap > 0 ? `short by ${gap}` : 'covered');
          if (Number(assigned) > 0) {
            rostered++;
            expect(await rows.nth(i).locator('td').nth(5).innerText()).to.match(/^[^,;]+, [^;]+/);
          }
        }
        if (rostered > 0) break;
      }
      expect(rostered, 'the demo roster has someone on a shift that week').to.be.greaterThan(0);
      await page.getByText(/shifts? short of staff this week\.|Every shift covered\./).waitFor();
      await screenshot(page, '20-staff-roster');
    });

    it('HR enters two leave requests (overlapping days refused beside the first day); the ward manager approves one by keyboard and rejects the other with a reason', async () => {
      // The one who requests may not decide: HR enters what was handed in, the ward manager decides.
      await as('hr_admin');
      await nav('Staff').click();
      const form = page.getByRole('form', { name: 'Request leave for someone' });
      const who = await form.getByLabel('Member of staff').locator('option').first().innerText();
      const person = who.replace(/ \(.*\)$/, '');
      const request = async (from: string, to: string) => {
        await form.getByLabel('First day').fill(from);
        await form.getByLabel('Last day').fill(to);
        await form.getByRole('button', { name: 'Request leave' }).click();
      };
      await request(day(40), day(41));
      await form.getByText('Leave requested.').waitFor({ timeout: 15_000 });
      // The same person again on some of those days: refused beside the first day, in HR's words.
      await request(day(41), day(42));
      await form
        .getByText(/already has leave requested or approved on some of these days/)
        .waitFor({ timeout: 15_000 });
      expect(await form.getByLabel('First day').getAttribute('aria-invalid')).to.equal('true');
      forgetRefusal(409);
      await request(day(60), day(60));
      await form.getByText('Leave requested.').waitFor({ timeout: 15_000 });
      await screenshot(page, '21-staff-leave-requested');

      await as('ward_manager');
      const leave = page.getByRole('table', { name: /^Leave from / });
      const approve = leave.getByRole('button', { name: `Approve ${person}’s leave from ${day(40)}` });
      await approve.waitFor({ timeout: 15_000 });
      await approve.focus();
      await page.keyboard.press('Enter');
      const approved = leave.getByRole('row', { name: new RegExp(day(40)) });
      await approved.getByRole('cell', { name: 'approved', exact: true }).waitFor({ timeout: 15_000 });

      const pending = leave.getByRole('row', { name: new RegExp(day(60)) });
      await pending.getByRole('button', { name: 'Reject…' }).click();
      const reject = page.getByRole('form', { name: `Reject ${person}’s leave from ${day(60)}` });
      await reject.getByLabel('Reason (told to them)').fill('Two others are away that week');
      await reject.getByRole('button', { name: 'Reject leave' }).click();
      await pending.waitFor({ state: 'detached', timeout: 15_000 });
      await screenshot(page, '22-staff-leave-decided');
      expect(await unlabelledInputs(page)).to.deep.equal([]);
      expect(await unreachableByKeyboard(page)).to.deep.equal([]);
    });
  });

  describe('stock moves', () => {
    let paracetamol = '';
    const onHandCell = (itemId: string) => `tr[data-item-id="${itemId}"] td:nth-child(2)`;
    const onHand = async (itemId: string) => {
      const cell = page.locator(onHandCell(itemId));
      return (await cell.count()) === 0 ? 0 : Number.parseInt(await cell.innerText(), 10);
    };

    it('pharmacist dispatches tablets from the pharmacy; the storekeeper receives them at the central store', async () => {
      await as('pharmacist');
      await nav('Stock').click();
      await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Pharmacy (PH)' });
      const send = page.getByRole('form', { name: 'Send to another location' });
      await send.getByLabel('Item').selectOption({ label: 'Paracetamol 500 mg tablet (PARA500)' });
      paracetamol = await send.getByLabel('Item').inputValue();
      await send.getByLabel('To location').selectOption({ label: 'Central store (CS)' });
      await send.getByLabel('Quantity (units)').fill('5');
      await send.getByRole('button', { name: 'Dispatch' }).click();
      await send.getByText('Dispatched: in transit until received.').waitFor({ timeout: 15_000 });
      await screenshot(page, '23-stock-dispatched');

      await as('storekeeper');
      await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Central store (CS)' });
      const transit = page.getByRole('list', { name: 'Transfers in transit to here' });
      const card = transit.getByRole('listitem').filter({ hasText: /5 × Paracetamol 500 mg tablet from Pharmacy/ });
      await card.first().waitFor({ timeout: 15_000 });
      await page.getByRole('table', { name: 'Units on hand per item, all lots' }).waitFor({ timeout: 15_000 });
      const before = await onHand(paracetamol);
      await screenshot(page, '24-stock-in-transit');
      await card.first().getByRole('button', { name: 'Receive all 5 units' }).click();
      await page.waitForFunction(
        `Number.parseInt(document.querySelector('${onHandCell(paracetamol)}')?.innerText, 10) === ${before + 5}`,
        undefined,
        { timeout: 15_000 },
      );
      await card.first().waitFor({ state: 'detached', timeout: 15_000 });
      expect(await unlabelledInputs(page)).to.deep.equal([]);
    });

    it('storekeeper disposes of damaged tablets: refused without a witness (beside the Witness control), done with the pharmacist witnessing', async () => {
      await as('storekeeper');
      await go('stock');
      await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Central store (CS)' });
      const form = page.getByRole('form', { name: 'Dispose of stock' });
      const lot = form.getByLabel('Lot');
      await lot
        .locator('option', { hasText: /^Paracetamol 500 mg tablet, lot / })
        .first()
        .waitFor({
          state: 'attached',
          timeout: 15_000,
        });
      const value = await lot
        .locator('option', { hasText: /^Paracetamol 500 mg tablet, lot / })
        .first()
        .getAttribute('value');
      await lot.selectOption(value!);
      await form.getByLabel('Quantity (units)').fill('1');
      await form.getByLabel('Reason').selectOption('damaged');
      await form.getByRole('button', { name: 'Dispose' }).click();
      const witness = form.getByLabel('Witness (second person: their role)');
      await form.locator('.field-error').first().waitFor({ timeout: 15_000 });
      expect(await witness.getAttribute('aria-invalid')).to.equal('true');
      forgetRefusal(409);
      forgetRefusal(403);
      forgetRefusal(401);
      await screenshot(page, '25-stock-disposal-witness-required');

      await witness.selectOption('pharmacist');
      await form.getByRole('button', { name: 'Dispose' }).click();
      await form.getByText('Disposed of, witnessed.').waitFor({ timeout: 15_000 });
      expect(await witness.getAttribute('aria-invalid')).to.equal(null);
      await screenshot(page, '26-stock-disposed');
      expect(await unlabelledInputs(page)).to.deep.equal([]);
      expect(await unreachableByKeyboard(page)).to.deep.equal([]);
    });
  });

  // Last (mocha runs a suite's own specs before its nested suites): no console errors on any screen.
  describe('afterwards', () => {
    it('produced no console errors on any screen', () => {
      expect(errors, errors.join('\n')).to.deep.equal([]);
    });
  });
});
