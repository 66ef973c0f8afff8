import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectErrors, launchChromium, screenshot, unlabelledInputs } from './browser.js';
import { cleanEnv, type Spawned, spawnTs } from './spawned.js';

/**
 * The console in a real browser (Debian's Chromium through playwright-core) against one embedded
 * `npm start` shared by every spec: the front desk registers, decides a duplicate, admits to a
 * bed, discharges; an auditor reads the history. Screenshots go to console/test-output/screenshots/.
 */
describe('console in a browser (embedded start)', function () {
  this.timeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'chartline-console-'));
  const run = Date.now()
    .toString(36)
    .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!);
  const familyName = `Lovelace${run}`;
  let chartline: Spawned | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let consoleUrl = '';
  let patientId = '';

  before(async function () {
    browser = await launchChromium(this);
    chartline = spawnTs(
      'scripts/start.ts',
      ['--data-dir', dataDir, '--command-port', '0', '--read-port', '0', '--console-port', '0'],
      cleanEnv(),
    );
    await chartline.waitFor(/Ready in/, 90_000);
    consoleUrl = /console +(http:\/\/127\.0\.0\.1:\d+)/.exec(chartline.output())![1]!;
    // A fresh clone builds the assets in the background: wait for the console itself.
    for (let i = 0; i < 120; i++) {
      if ((await fetch(`${consoleUrl}/`)).status === 200) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = collectErrors(page);
  });

  after(async () => {
    await browser?.close();
    await chartline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('front desk: registers a patient, every input labelled; a bad field shows its rule beside it', async () => {
    await page.goto(`${consoleUrl}/`);
    await page.getByLabel('Hospital').selectOption('riverside');
    await page.getByLabel('Role (demo token)').selectOption('front_desk');
    const register = page.getByRole('region', { name: 'Register a patient' });
    await register.getByLabel('Given name').fill('Ada');
    await register.getByLabel('Family name').fill('x'.repeat(101));
    await register.getByLabel('Birth date').fill('1990-04-01');
    await register.getByLabel('Sex').selectOption('female');
    await register.getByRole('button', { name: 'Register' }).click();
    const familyField = register.getByLabel('Family name');
    await register.getByText('The name is at most 100 characters.').waitFor({ timeout: 10_000 });
    expect(await familyField.getAttribute('aria-invalid')).to.equal('true');
    await screenshot(page, '01-register-refused-field');
    // The refused request is the one console error the browser logs (a 400 it fetched).
    errors.splice(0, errors.length, ...errors.filter((e) => !/status of 400/.test(e)));

    await familyField.fill(familyName);
    await register.getByRole('button', { name: 'Register' }).click();
    await register.getByText('Registered.').waitFor({ timeout: 15_000 });
    expect(await unlabelledInputs(page)).to.deep.equal([]);
    await screenshot(page, '02-registered');
  });

  it('front desk: a second registration of the same person asks for the duplicate decision', async () => {
    const register = page.getByRole('region', { name: 'Register a patient' });
    await register.getByRole('button', { name: 'Register' }).click();
    const decision = page.getByRole('region', { name: 'Possible duplicate: is this the same person?' });
    await decision.waitFor({ timeout: 15_000 });
    await screenshot(page, '03-duplicate-decision');
    await decision.getByRole('button', { name: 'Different people (dismiss)' }).click();
    await register.getByText('No open possible duplicate.').waitFor({ timeout: 15_000 });
  });

  it('front desk: finds the patient, opens the record, requests an admission and admits to a free bed', async () => {
    const find = page.getByRole('region', { name: 'Find a patient' });
    await find.getByLabel('Name').fill(familyName);
    await find.getByRole('button', { name: 'Search' }).click();
    const hit = find.getByRole('link', { name: new RegExp(familyName) }).first();
    await hit.waitFor({ timeout: 15_000 });
    await screenshot(page, '04-search');
    await hit.click();
    await page.getByRole('region', { name: 'Patient banner' }).waitFor();
    patientId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    expect(patientId).to.match(/^[0-9a-f-]{36}$/);
    await screenshot(page, '05-patient-record');

    await page.getByRole('button', { name: 'Request admission' }).click();
    await page.getByRole('link', { name: 'Choose a bed on the ward’s bed board' }).click();
    const admit = page.getByRole('button', { name: 'Admit here' }).first();
    await admit.waitFor({ timeout: 15_000 });
    await screenshot(page, '06-bed-board-admitting');
    const bed = admit.locator('xpath=ancestor::li[1]');
    const label = await bed.getAttribute('aria-label');
    await admit.click();
    // Read-your-own-write: the board shows the bed occupied by this patient right after.
    const occupied = page.getByRole('listitem', { name: (label ?? '').replace('Free', 'Occupied') });
    await occupied.getByText(familyName).waitFor({ timeout: 15_000 });
    await screenshot(page, '07-bed-board-admitted');

    // Discharge is the stay's command: the board reads the stay when it is opened and sends its
    // revision as If-Match. A nurse elsewhere schedules the discharge meanwhile (the stay moves on):
    // the discharge is refused (412) and said so, the stay is read again, and sent again it goes through.
    await occupied.getByRole('button', { name: 'Discharge' }).click();
    const dischargeButton = occupied.getByRole('form').getByRole('button', { name: 'Discharge' });
    // Enabled once the stay is read (its revision is what the discharge will send).
    for (let i = 0; i < 150 && !(await dischargeButton.isEnabled()); i++) await page.waitForTimeout(100);
    expect(await dischargeButton.isEnabled()).to.equal(true);
    const stayId = await scheduleDischarge(consoleUrl, chartline!.output(), patientId);
    expect(stayId).to.match(/^[0-9a-f-]{36}$/);
    await dischargeButton.click();
    const notice = occupied.getByRole('alert');
    await notice.getByText('Someone changed this record since you opened it.').waitFor({ timeout: 15_000 });
    expect(await notice.innerText()).to.include('The screen has been refreshed: check it and try again.');
    errors.splice(0, errors.length, ...errors.filter((e) => !/status of 412/.test(e)));
    await screenshot(page, '07b-bed-board-stale-discharge-refused');
    await dischargeButton.click();
    const toClean = page.getByRole('listitem', { name: (label ?? '').replace('Free', 'To clean') });
    await toClean.waitFor({ timeout: 15_000 });
    await toClean.getByRole('button', { name: 'Mark clean' }).click();
    await page.getByRole('listitem', { name: label ?? '' }).waitFor({ timeout: 15_000 });
    await screenshot(page, '08-bed-board-cleaned');
  });

  it('auditor: reads the patient’s history, verifies its chain, sees the state at a time and the access log', async () => {
    await page.goto(`${consoleUrl}/#/patients`);
    await page.getByLabel('Role (demo token)').selectOption('auditor');
    await page.goto(`${consoleUrl}/#/audit/${encodeURIComponent(`patient-riverside.${patientId}`)}`);
    await page.getByText(/^Verified: \d+ events/).waitFor({ timeout: 15_000 });
    const history = page.getByRole('table', { name: /Every event of patient-riverside/ });
    await history
      .getByText(/PatientRegistered$/)
      .first()
      .waitFor();
    const rows = await history.locator('tbody tr').count();
    expect(rows).to.be.greaterThan(1);
    await page
      .getByLabel('As of (your local time)')
      .fill(new Date(Date.now() - new Date().getTimezoneOffset() * 60_000 + 60_000).toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Show state' }).click();
    await page.getByText(/^As of .*: revision \d+/).waitFor({ timeout: 15_000 });
    await page.getByRole('table', { name: 'Who read personal data, and through which screen' }).waitFor();
    await screenshot(page, '09-audit');
    expect(await unlabelledInputs(page)).to.deep.equal([]);
  });

  it('produced no console errors on any screen', () => {
    expect(errors).to.deep.equal([]);
  });
});

/**
 * A nurse at another workstation schedules the patient's discharge for tomorrow, through the APIs
 * (the demo tokens are in the console's config); returns the stay's id.
 */
async function scheduleDischarge(consoleUrl: string, output: string, patientId: string): Promise<string> {
  const commandUrl = /command API +(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
  const readUrl = /read API +(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
  const config = (await (await fetch(`${consoleUrl}/console-config.json`)).json()) as {
    tokens: Record<string, string>;
  };
  const auth = { Authorization: `Bearer ${config.tokens['nurse']!}` };
  const stays = (await (
    await fetch(`${readUrl}/hospitals/riverside/patients/${patientId}/stays?order=desc&limit=1`, { headers: auth })
  ).json()) as { items: { stayId: string; status: string }[] };
  const stay = stays.items.find((s) => s.status === 'in_progress');
  expect(stay, JSON.stringify(stays)).to.not.equal(undefined);
  const res = await fetch(`${commandUrl}/hospitals/riverside/admissions/schedule-discharge`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ stayId: stay!.stayId, plannedFor: new Date(Date.now() + 86_400_000).toISOString() }),
  });
  expect(res.ok, `schedule-discharge: ${res.status} ${await res.clone().text()}`).to.equal(true);
  return stay!.stayId;
}
