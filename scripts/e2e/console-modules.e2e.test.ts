import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { collectErrors, launchChromium, screenshot, unlabelledInputs } from './browser.js';
import { type ConsoleStart, startConsole } from './console-start.js';

/**
 * The laboratory, stock and billing screens in a real browser (Debian's Chromium through
 * playwright-core) against one embedded `npm start` and one browser shared by every spec (CI has a
 * time budget). Each spec is one person's main flow through the public APIs, switching roles with
 * the role picker as the hand-offs between people happen.
 */
describe('console in a browser: laboratory, stock and billing', function () {
  this.timeout(180_000);
  const run = Date.now()
    .toString(36)
    .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!);
  const familyName = `Curie${run}`;
  let chartline: ConsoleStart | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let errors: string[];
  let consoleUrl = '';
  let patientId = '';
  let stayId = '';

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
    chartline = await startConsole();
    consoleUrl = chartline.consoleUrl;
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
    // Admitted through the API (the bed board's own browser spec admits through the screen): the
    // stores issue to the stay and billing bills it.
    stayId = await admit(chartline, patientId);
  });

  after(async () => {
    await browser?.close();
    await chartline?.stop();
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
    it('two technicians at one panel: a result sent on the order as it was before the other’s is refused (412) in the lab’s words, and goes through after the refresh', async () => {
      // Every lab step sends If-Match with the order's revision as the screen read it.
      await as('physician');
      await go(`lab/order/${patientId}`);
      const form = page.getByRole('form', { name: 'Order laboratory tests' });
      await form.getByLabel('Test or panel').selectOption({ label: 'Electrolytes panel (panel)' });
      await form.getByRole('button', { name: 'Order' }).click();
      const follow = form.getByRole('link', { name: 'Follow the order' });
      await follow.waitFor({ timeout: 15_000 });
      const panelOrder = decodeURIComponent((await follow.getAttribute('href'))!.split('/')[3]!);
      const test = (p: Page, code: string) =>
        p.getByRole('table', { name: 'Tests of this order' }).locator(`tr[data-test-code="${code}"]`);
      const inStage = (p: Page, code: string, words: string) =>
        test(p, code).getByRole('cell', { name: words, exact: true }).waitFor({ timeout: 15_000 });
      await as('nurse');
      await go(`lab/orders/${panelOrder}`);
      await test(page, '2823-3').getByRole('button', { name: 'Collect specimen' }).click();
      await inStage(page, '2823-3', 'awaiting receipt');
      await as('lab_technician');
      await test(page, '2823-3').getByRole('button', { name: 'Receive' }).click();
      await inStage(page, '2951-2', 'in progress');
      await inStage(page, '2823-3', 'in progress');

      // A second technician, at another workstation, results sodium on the same order meanwhile.
      const other = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
      const second = await other.newPage();
      await second.goto(`${consoleUrl}/`);
      await second.getByLabel('Role (demo token)').selectOption('lab_technician');
      await second.goto(`${consoleUrl}/#/lab/orders/${panelOrder}`);
      await test(second, '2951-2').getByLabel('Result (mmol/L)').fill('140');
      await test(second, '2951-2').getByRole('button', { name: 'Record result' }).click();
      await inStage(second, '2951-2', 'awaiting verification');
      await other.close();

      // The first still sees the order as they read it, and results potassium on it: refused.
      await inStage(page, '2951-2', 'in progress');
      const potassium = test(page, '2823-3');
      await potassium.getByLabel('Result (mmol/L)').fill('4.1');
      await potassium.getByRole('button', { name: 'Record result' }).click();
      const notice = potassium.getByRole('alert');
      await notice.getByText('Someone changed this record since you opened it.').waitFor({ timeout: 15_000 });
      expect(await notice.innerText()).to.include('The screen has been refreshed: check it and try again.');
      forgetRefusal(412);
      // The refresh shows what changed (sodium resulted); the typed value is kept; sent again, it is recorded.
      await inStage(page, '2951-2', 'awaiting verification');
      await screenshot(page, '13b-lab-stale-write-refused');
      expect(await potassium.getByLabel('Result (mmol/L)').inputValue()).to.equal('4.1');
      await potassium.getByRole('button', { name: 'Record result' }).click();
      await inStage(page, '2823-3', 'awaiting verification');
      expect(await unlabelledInputs(page)).to.deep.equal([]);
    });
  });

  describe('stock', () => {
    let paracetamol = '';
    const onHand = () =>
      page
        .locator(`tr[data-item-id="${paracetamol}"] td`)
        .nth(1)
        .innerText()
        .then((t) => Number.parseInt(t, 10));

    it('nurse: issues tablets to the admitted patient’s stay from the pharmacy; too many is refused beside the quantity', async () => {
      await as('nurse');
      await go(`patients/${patientId}`);
      await page.getByRole('link', { name: 'Issue stock' }).click();
      await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Pharmacy (PH)' });
      const form = page.getByRole('form', { name: 'Issue stock' });
      await form.getByRole('region', { name: 'Patient banner' }).getByText(familyName).waitFor({ timeout: 15_000 });
      const item = form.getByLabel('Item');
      await item.selectOption({ label: 'Paracetamol 500 mg tablet (PARA500)' });
      paracetamol = await item.inputValue();
      await page.locator(`tr[data-item-id="${paracetamol}"]`).waitFor({ timeout: 15_000 });
      const before = await onHand();

      await form.getByLabel('Quantity (units)').fill('999999');
      await form.getByRole('button', { name: 'Issue' }).click();
      await form.getByText(/Not enough units on hand at this location/).waitFor({ timeout: 15_000 });
      expect(await form.getByLabel('Quantity (units)').getAttribute('aria-invalid')).to.equal('true');
      forgetRefusal(409);
      await screenshot(page, '14-stock-issue-refused');

      await form.getByLabel('Quantity (units)').fill('2');
      await form.getByRole('button', { name: 'Issue' }).click();
      await form.getByText('Issued.').waitFor({ timeout: 15_000 });
      await page.waitForFunction(
        `Number.parseInt(document.querySelector('tr[data-item-id="${paracetamol}"] td:nth-child(2)').innerText, 10) === ${before - 2}`,
        undefined,
        { timeout: 15_000 },
      );
      expect(await unlabelledInputs(page)).to.deep.equal([]);
    });

    it('nurse: a controlled substance is refused without a witness (beside the Witness control), issued once the pharmacist witnesses', async () => {
      await as('nurse');
      await go(`patients/${patientId}`);
      await page.getByRole('link', { name: 'Issue stock' }).click();
      await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Pharmacy (PH)' });
      const form = page.getByRole('form', { name: 'Issue stock' });
      await form.getByRole('region', { name: 'Patient banner' }).getByText(familyName).waitFor({ timeout: 15_000 });
      const witness = form.getByLabel('Witness (second person: their role)');
      expect(await witness.count()).to.equal(0); // paracetamol first: no witness asked for
      await form.getByLabel('Item').selectOption({ label: 'Morphine 10 mg/ml ampoule (MORPH10), controlled' });
      await form.getByLabel('Quantity (units)').fill('1');
      await form.getByRole('button', { name: 'Issue' }).click();
      await form.getByText(/This needs a witness/).waitFor({ timeout: 15_000 });
      expect(await witness.getAttribute('aria-invalid')).to.equal('true');
      forgetRefusal(409);
      await screenshot(page, '14b-stock-issue-witness-required');

      await witness.selectOption('pharmacist');
      await form.getByRole('button', { name: 'Issue' }).click();
      await form.getByText('Issued.').waitFor({ timeout: 15_000 });
      expect(await witness.getAttribute('aria-invalid')).to.equal(null);
      expect(await unlabelledInputs(page)).to.deep.equal([]);
    });

    it('storekeeper: receives a lot (its lot number asked for beside the field); a lot expiring soon is an alert', async () => {
      await as('storekeeper');
      await go('stock');
      await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Central store (CS)' });
      const form = page.getByRole('form', { name: 'Receive stock' });
      await form.getByLabel('Item').selectOption({ label: 'Paracetamol 500 mg tablet (PARA500)' });
      await form.getByLabel('Quantity (units)').fill('500');
      await form.getByLabel('Unit cost (minor units, e.g. pence)').fill('3');
      await form.getByLabel('Supplier').fill('Northwind Medical');
      await form.getByRole('button', { name: 'Receive' }).click();
      await form.getByText(/The item is tracked by lot/).waitFor({ timeout: 15_000 });
      expect(await form.getByLabel('Lot number').getAttribute('aria-invalid')).to.equal('true');
      forgetRefusal(409);

      const lot = `PARA-${run}`;
      const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
      await form.getByLabel('Lot number').fill(lot);
      await form.getByLabel('Expiry date').fill(soon);
      await form.getByRole('button', { name: 'Receive' }).click();
      await form.getByText('Received.').waitFor({ timeout: 15_000 });
      await page
        .getByRole('table', { name: 'Lots here, with their expiry' })
        .getByText(lot)
        .waitFor({ timeout: 15_000 });
      await page
        .getByRole('list', { name: 'Expiring within 90 days' })
        .getByText(new RegExp(`lot ${lot} at Central store: 500 units, expiry ${soon}`))
        .waitFor({ timeout: 15_000 });
      await screenshot(page, '15-stock-received');
      expect(await unlabelledInputs(page)).to.deep.equal([]);
    });
  });

  describe('billing', () => {
    const total = (key: string) => page.locator(`[data-total="${key}"]`).innerText();
    /** A total as a number of pounds (the demo hospital's currency is GBP). */
    const pounds = async (key: string) => Number((await total(key)).replace(/[^0-9.]/g, ''));
    let invoiced = 0;

    it('billing clerk: charges the stay’s account (an unpriced service refused beside its code) and issues the invoice', async () => {
      // Charge capture prices the stay's lab orders and stock issues above in the background: the
      // account is read once it has settled (each billing command sends the revision read, If-Match).
      await accountSettled(chartline!, stayId);
      await as('billing_clerk');
      await go(`billing/account/${stayId}`);
      await page.getByRole('heading', { name: /Stay account/ }).waitFor({ timeout: 30_000 });
      // The account is opened by charge capture right after the admission: a first look may be a 404.
      forgetRefusal(404);
      const capture = page.getByRole('form', { name: 'Capture a charge' });
      const service = capture.getByLabel('Service code (from the price list, e.g. consultation)');
      await service.fill('x-ray-chest');
      await capture.getByRole('button', { name: 'Capture charge' }).click();
      await capture.getByText(/The price list has no price for this service/).waitFor({ timeout: 15_000 });
      expect(await service.getAttribute('aria-invalid')).to.equal('true');
      forgetRefusal(409);
      forgetRefusal(404);

      const before = await pounds('unbilled');
      await service.fill('consultation');
      await capture.getByRole('button', { name: 'Capture charge' }).click();
      const charges = page.getByRole('table', { name: 'Charges, with their status' });
      await charges.getByText('Outpatient consultation').waitFor({ timeout: 15_000 });
      expect(await pounds('unbilled')).to.be.closeTo(before + 50, 0.001);
      invoiced = await pounds('unbilled');
      await page.getByRole('button', { name: 'Issue invoice' }).click();
      const invoices = page.getByRole('table', { name: 'Invoices and credit notes of this account' });
      await invoices.getByText('open').waitFor({ timeout: 15_000 });
      expect(await pounds('outstanding')).to.be.closeTo(invoiced, 0.001);
      await screenshot(page, '16-billing-invoiced');
    });

    it('cashier: opens a shift and takes the payment; more than the invoice owes is refused beside the amount', async () => {
      await as('cashier');
      await go(`billing/account/${stayId}`);
      const shift = page.getByRole('form', { name: 'Open a cashier shift' });
      await shift.getByLabel(/Cash in the drawer/).fill('200');
      await shift.getByRole('button', { name: 'Open shift' }).click();
      const pay = page.getByRole('form', { name: 'Take a payment' });
      await pay.waitFor({ timeout: 15_000 });
      await pay.getByLabel('Invoice').selectOption({ index: 1 });
      await pay.getByLabel(/Amount/).fill((invoiced + 10).toFixed(2));
      await pay.getByRole('button', { name: 'Take payment' }).click();
      await pay.getByText('The invoice has less outstanding than that.').waitFor({ timeout: 15_000 });
      expect(await pay.getByLabel(/Amount/).getAttribute('aria-invalid')).to.equal('true');
      forgetRefusal(409);

      // Meanwhile a billing clerk, elsewhere, charges the account: the payment is sent with the
      // account's revision as this screen read it (If-Match), so it is refused (412) and shown, and
      // the statement is read again (the new charge appears).
      await captureCharge(chartline!, stayId);
      await pay.getByLabel(/Amount/).fill(invoiced.toFixed(2));
      await pay.getByRole('button', { name: 'Take payment' }).click();
      const notice = pay.getByRole('alert');
      await notice.getByText('Someone changed this record since you opened it.').waitFor({ timeout: 15_000 });
      expect(await notice.innerText()).to.include('The screen has been refreshed: check it and try again.');
      forgetRefusal(412);
      await page
        .locator('[data-total="unbilled"]')
        .filter({ hasText: /50\.00/ })
        .waitFor({ timeout: 15_000 });
      expect(await total('paid')).to.match(/0\.00/);
      await screenshot(page, '17a-billing-stale-payment-refused');

      // Sent again on the refreshed account, it is recorded.
      expect(await pay.getByLabel(/Amount/).inputValue()).to.equal(invoiced.toFixed(2));
      await pay.getByRole('button', { name: 'Take payment' }).click();
      await page
        .getByRole('table', { name: 'Invoices and credit notes of this account' })
        .getByText('paid')
        .waitFor({ timeout: 15_000 });
      expect(await pounds('outstanding')).to.equal(0);
      expect(await pounds('paid')).to.be.closeTo(invoiced, 0.001);
      await screenshot(page, '17-billing-paid');
      expect(await unlabelledInputs(page)).to.deep.equal([]);
    });

    it('billing clerk: the paid invoice is in the invoice list, leading back to the account', async () => {
      await as('billing_clerk');
      await go('billing');
      await page.getByLabel('Status').selectOption('paid');
      const link = page.locator(`a[href="#/billing/account/${stayId}"]`);
      await link.first().waitFor({ timeout: 15_000 });
      await screenshot(page, '18-billing-invoices');
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

/** Waits until the account's statement exists and its revision has not moved for 3 s (charge capture done). */
async function accountSettled(chartline: ConsoleStart, accountId: string): Promise<void> {
  const token = chartline.tokens['billing_clerk']!;
  let last = -1;
  let since = Date.now();
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    const res = await fetch(`${chartline.readUrl}/hospitals/riverside/billing/accounts/${accountId}/statement`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const revision = res.ok ? ((await res.json()) as { account: { revision: number } }).account.revision : -1;
    if (revision !== last) [last, since] = [revision, Date.now()];
    else if (revision >= 0 && Date.now() - since >= 3_000) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the account kept changing (or never opened) for 60 s');
}

/** A billing clerk's manual consultation charge on the account, through the API (another workstation). */
async function captureCharge(chartline: ConsoleStart, accountId: string): Promise<void> {
  const res = await fetch(`${chartline.commandUrl}/hospitals/riverside/billing/capture-charge`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${chartline.tokens['billing_clerk']!}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify({ accountId, serviceCode: 'consultation', quantity: 1 }),
  });
  expect(res.ok, `capture-charge: ${res.status} ${await res.clone().text()}`).to.equal(true);
}

/** Requests an admission to a ward with a free bed and admits the patient to it, as the front desk's app would. */
async function admit(chartline: ConsoleStart, patientId: string): Promise<string> {
  const token = chartline.tokens['front_desk']!;
  const read = async (path: string) =>
    (await (await fetch(`${chartline.readUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      items: { wardId: string; bedId: string; status: string }[];
    };
  const send = async (command: string, body: object) => {
    const res = await fetch(`${chartline.commandUrl}/hospitals/riverside/admissions/${command}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify(body),
    });
    expect(res.ok, `${command}: ${res.status} ${await res.clone().text()}`).to.equal(true);
    return ((await res.json()) as { id: string }).id;
  };
  for (const ward of (await read('/hospitals/riverside/wards?limit=100')).items) {
    const free = (await read(`/hospitals/riverside/wards/${ward.wardId}/beds?limit=100`)).items.find(
      (b) => b.status === 'free',
    );
    if (!free) continue;
    const stayId = await send('request-admission', { patientId, wardId: ward.wardId });
    await send('admit-patient', { stayId, patientId, bedId: free.bedId });
    return stayId;
  }
  throw new Error('no free bed in riverside');
}
