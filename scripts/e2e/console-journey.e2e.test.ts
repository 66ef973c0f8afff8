import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { collectErrors, launchChromium, screenshot, unlabelledInputs } from './browser.js';
import { type ConsoleStart, startConsole } from './console-start.js';

/**
 * Issue 19's "Done when", as one browser test: a person who has never seen Chartline registers a
 * patient, admits them, records a lab result, issues stock to them, bills and takes payment, and
 * reads the audit trail — from the console alone. After the first page load there is no `goto` and
 * no API call: only what a person does, clicking what the screens offer (the navigation, links,
 * buttons), typing into labelled fields and switching role with the role picker as the work is
 * handed from one person to the next. Every screen is photographed, has every input labelled, and
 * the run produces no console error at all.
 */
describe('console in a browser: the whole journey of one patient, from the console alone', function () {
  this.timeout(300_000);
  const run = Date.now()
    .toString(36)
    .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!);
  const familyName = `Nightingale${run}`;
  let chartline: ConsoleStart | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let errors: string[];
  const unlabelled: string[] = [];

  before(async function () {
    browser = await launchChromium(this);
    chartline = await startConsole();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    errors = collectErrors(page);
  });

  after(async () => {
    await browser?.close();
    await chartline?.stop();
  });

  const as = (role: string) => page.getByLabel('Role (demo token)').selectOption(role);
  const nav = (screen: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen });
  /** A screen the journey reached: photographed, and every input on it labelled. */
  const shot = async (name: string) => {
    await screenshot(page, `journey-${name}`);
    unlabelled.push(...(await unlabelledInputs(page)).map((i) => `${name}: ${i}`));
  };
  const testRow = () => page.getByRole('table', { name: 'Tests of this order' }).locator('tr[data-test-code="2823-3"]');
  const stage = (words: string) =>
    testRow().getByRole('cell', { name: words, exact: true }).waitFor({ timeout: 15_000 });

  it('registers, admits, records a lab result, issues stock, bills, takes payment and reads the audit trail', async () => {
    // Front desk: opens the console, picks the hospital and their role.
    await page.goto(`${chartline!.consoleUrl}/`);
    await page.getByLabel('Hospital').selectOption('riverside');
    await as('front_desk');
    await shot('01-start');

    // 1. Registers the patient and opens their record.
    const register = page.getByRole('region', { name: 'Register a patient' });
    await register.getByLabel('Given name').fill('Florence');
    await register.getByLabel('Family name').fill(familyName);
    await register.getByLabel('Birth date').fill('1950-05-12');
    await register.getByLabel('Sex').selectOption('female');
    await register.getByRole('button', { name: 'Register' }).click();
    await register.getByText('Registered.').waitFor({ timeout: 15_000 });
    await shot('02-registered');
    await register.getByRole('link', { name: 'Open the patient’s record' }).click();
    await page.getByRole('region', { name: 'Patient banner' }).getByText(familyName).waitFor({ timeout: 15_000 });
    await shot('03-record');

    // 2. Admits them: requests an admission to a ward, then chooses a free bed on its board.
    await page.getByRole('button', { name: 'Request admission' }).click();
    await page.getByRole('link', { name: 'Choose a bed on the ward’s bed board' }).click();
    const admit = page.getByRole('button', { name: 'Admit here' }).first();
    await admit.waitFor({ timeout: 15_000 });
    await shot('04-bed-board-admitting');
    const bedName = (await admit.locator('xpath=ancestor::li[1]').getAttribute('aria-label'))!;
    await admit.click();
    const occupied = page.getByRole('listitem', { name: bedName.replace('Free', 'Occupied') });
    await occupied.getByText(familyName).waitFor({ timeout: 15_000 });
    await shot('05-bed-board-admitted');
    await occupied.getByRole('link', { name: new RegExp(familyName) }).click();
    await page.getByRole('table', { name: 'Admissions, newest first' }).getByText('in_progress').waitFor({
      timeout: 15_000,
    });
    // The stay number billing will ask for (billing's screens do not show patients' records).
    const stayNumber = (await page.locator('code.stay-number').first().innerText()).trim();
    expect(stayNumber).to.match(/^[0-9a-f-]{36}$/);

    // 3. A physician orders a potassium from the record; the nurse collects, the laboratory receives,
    //    records the result and verifies it — each following the order from where the last left it.
    await as('physician');
    await page.getByRole('link', { name: 'Laboratory: order tests, results' }).click();
    const order = page.getByRole('form', { name: 'Order laboratory tests' });
    await order.getByLabel('Test or panel').selectOption({ label: 'Potassium (2823-3)' });
    await order.getByLabel('Priority').selectOption('urgent');
    await order.getByRole('button', { name: 'Order' }).click();
    await order.getByRole('link', { name: 'Follow the order' }).click();
    await stage('awaiting collection');
    await shot('06-lab-ordered');

    await as('nurse');
    await testRow().getByRole('button', { name: 'Collect specimen' }).click();
    await stage('awaiting receipt');

    await as('lab_technician');
    await testRow().getByRole('button', { name: 'Receive' }).click();
    await stage('in progress');
    await testRow().getByLabel('Result (mmol/L)').fill('4.2');
    await shot('07-lab-result-entry');
    await testRow().getByRole('button', { name: 'Record result' }).click();
    await stage('awaiting verification');

    await as('lab_supervisor');
    await testRow().getByRole('button', { name: 'Verify and release' }).click();
    await stage('final');
    expect(await testRow().innerText()).to.match(/4\.2 mmol\/L/);
    await shot('08-lab-result-final');

    // 4. A nurse finds the patient and issues tablets to their stay from the pharmacy.
    await as('nurse');
    await nav('Patients').click();
    const find = page.getByRole('region', { name: 'Find a patient' });
    await find.getByLabel('Name').fill(familyName);
    await find.getByRole('button', { name: 'Search' }).click();
    await find
      .getByRole('link', { name: new RegExp(familyName) })
      .first()
      .click();
    await page.getByRole('link', { name: 'Issue stock' }).click();
    await page.getByLabel('Location', { exact: true }).selectOption({ label: 'Pharmacy (PH)' });
    const issue = page.getByRole('form', { name: 'Issue stock' });
    await issue.getByRole('region', { name: 'Patient banner' }).getByText(familyName).waitFor({ timeout: 15_000 });
    await issue.getByLabel('Item').selectOption({ label: 'Paracetamol 500 mg tablet (PARA500)' });
    await issue.getByLabel('Quantity (units)').fill('2');
    await issue.getByRole('button', { name: 'Issue' }).click();
    await issue.getByText('Issued.').waitFor({ timeout: 15_000 });
    await shot('09-stock-issued');

    // 5. The billing clerk opens the stay's account by its number, charges a consultation and invoices it.
    await as('billing_clerk');
    await nav('Billing').click();
    await page.getByLabel(/^Account number/).fill(stayNumber);
    await page.getByRole('button', { name: 'Open account' }).click();
    await page.getByRole('heading', { name: /Stay account/ }).waitFor({ timeout: 30_000 });
    const capture = page.getByRole('form', { name: 'Capture a charge' });
    await capture.getByLabel(/^Service code/).fill('consultation');
    await capture.getByRole('button', { name: 'Capture charge' }).click();
    await page
      .getByRole('table', { name: 'Charges, with their status' })
      .getByText('Outpatient consultation')
      .waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Issue invoice' }).click();
    const invoices = page.getByRole('table', { name: 'Invoices and credit notes of this account' });
    await invoices.getByText('open').waitFor({ timeout: 15_000 });
    await shot('10-billing-invoiced');
    const owed = (await page.locator('[data-total="outstanding"]').innerText()).replace(/[^\d.]/g, '');
    expect(Number(owed)).to.be.greaterThan(0);

    // 6. The cashier opens a shift and takes the payment of what the invoice owes.
    await as('cashier');
    await nav('Billing').click();
    await page.getByLabel(/^Account number/).fill(stayNumber);
    await page.getByRole('button', { name: 'Open account' }).click();
    const shift = page.getByRole('form', { name: 'Open a cashier shift' });
    await shift.getByLabel(/Cash in the drawer/).fill('200');
    await shift.getByRole('button', { name: 'Open shift' }).click();
    const pay = page.getByRole('form', { name: 'Take a payment' });
    await pay.waitFor({ timeout: 15_000 });
    await pay.getByLabel('Invoice').selectOption({ index: 1 });
    await pay.getByLabel(/Amount/).fill(owed);
    await pay.getByRole('button', { name: 'Take payment' }).click();
    await invoices.getByText('paid').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-total="outstanding"]').innerText()).to.match(/0\.00/);
    await shot('11-billing-paid');

    // 7. The auditor finds the paid invoice, goes from its account to the patient's record history,
    //    sees its chain verified, its events, and who read the patient's data.
    await as('auditor');
    await nav('Billing').click();
    await page.getByLabel('Status').selectOption('paid');
    await page.locator(`a[href="#/billing/account/${stayNumber}"]`).first().click();
    await page.getByRole('link', { name: 'The patient’s record: its history' }).click();
    await page.getByText(/^Verified: \d+ events/).waitFor({ timeout: 15_000 });
    const history = page.getByRole('table', { name: /Every event of patient-riverside/ });
    await history.getByText(/PatientRegistered$/).waitFor({ timeout: 15_000 });
    // The admission is on the patient's stream too (the stay opened on it, then admitted).
    expect(await history.locator('tbody tr').count()).to.be.greaterThan(1);
    const access = page.getByRole('table', { name: 'Who read personal data, and through which screen' });
    await access.waitFor({ timeout: 15_000 });
    expect(await access.locator('tbody tr').count()).to.be.greaterThan(0);
    await shot('12-audit-trail');

    expect(unlabelled, unlabelled.join('\n')).to.deep.equal([]);
    expect(errors, errors.join('\n')).to.deep.equal([]);
  });
});
