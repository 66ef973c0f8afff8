import { decodeFromKafka } from '@chartline/events';
import { MemoryEventStore, type RecordedEvent } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { billingModule } from '../commands/src/billing/index.js';
import { commandModules } from '../commands/src/main/modules.js';
import { processManagers } from '../commands/src/main/process-managers.js';
import { actOn } from '../commands/src/process-manager/act.js';
import type { TriggeringEvent } from '../commands/src/process-manager/define.js';
import { toBusMessage } from '../commands/src/relay/to-bus-message.js';
import { blindIndexer } from '../commands/src/server/blind-index.js';
import { eventRegistry } from '../commands/src/server/event-registry.js';
import { chargeDifferences, chargesByAccount } from './fault/account-charges.js';
import { openProcessManagerFaultRun, type ProcessManagerFaultRun } from './fault/process-manager-run.js';
import { recordWorkload, writeInOrder } from './fault/workload-events.js';
import { generateWorkload } from './generate/workload.js';

const { processManager: chargeCapture } = processManagers['billing.charge-capture'];
const DAYS = Number(process.env['CHARGE_FAULT_DAYS'] ?? 3);
const CAPTURED = new Set(chargeCapture.consumes as readonly string[]);

/**
 * The billing issue's fault test: a generated hospital's days (admissions, transfers, discharges,
 * lab orders on stays, stock issued to patients, and billing's own outpatient work) are recorded
 * through the command API and written into the run's PostgreSQL schema; the clinical events are
 * then published on the run's Kafka topics to the charge-capture process manager, run as a child
 * process, which is killed with SIGKILL while capturing. More clinical events arrive while it is
 * down; it starts again under the same consumer group. In the end every account holds exactly the
 * charges a clean replay of the same clinical events computes — charge capture run in-process,
 * uninterrupted, once per event in store order, on an in-memory copy of the same store: bed-days,
 * lab orders and stock issues, each once, at the same amounts. None lost, none doubled.
 */
describe('charge capture fault: kill -9 it mid-stream, restart, every account charged as a clean replay', function () {
  this.timeout(300_000);
  let pm: ProcessManagerFaultRun;
  let stored: RecordedEvent[] = [];
  let sources: RecordedEvent[] = [];
  let clean: Map<string, string[]> = new Map();
  const timings: Record<string, number> = {};

  before(async function () {
    // The run's topics: one per module charge capture consumes, as its `consumes` list says.
    pm = await openProcessManagerFaultRun(this, 'chargefault', 'billing.charge-capture');
    let t0 = Date.now();
    // The same hospital's days every run (the seed draws per hospital id), under the run's own id.
    const steps = generateWorkload({ hospitals: 1, days: DAYS, seed: 'cf-d', hospitalIds: ['cf'] }).map((step) => ({
      ...step,
      hospitalId: `cf${pm.run}`,
    }));
    const recorded = await recordWorkload(steps, pm.keys);
    await writeInOrder(recorded, pm.store);
    stored = await pm.store.readAll();
    sources = stored.filter((e) => CAPTURED.has(e.type));
    timings['workload recorded and stored (s)'] = (Date.now() - t0) / 1000;

    // The clean replay: the same events in a fresh store, each clinical event acted on once, in order.
    t0 = Date.now();
    const copy = new MemoryEventStore();
    await writeInOrder(recorded, copy);
    const deps = {
      eventStore: copy,
      keyStore: pm.keys,
      events: eventRegistry(commandModules),
      clock: () => new Date(),
      newId: uuidv7,
      blindIndex: blindIndexer('charge-fault-replay'),
    };
    for (const e of sources) {
      const decoded = decodeFromKafka(toBusMessage(e).message.value);
      await actOn(chargeCapture, billingModule, { ...decoded.envelope, data: decoded.data } as TriggeringEvent, deps);
    }
    clean = chargesByAccount(await copy.readAll());
    await copy.close();
    timings['clean replay (s)'] = (Date.now() - t0) / 1000;
  });

  after(async () => {
    await pm?.close();
  });

  const captured = async () =>
    (await pm.store.readAll({ filter: { eventTypePrefixes: ['billing.ChargeCaptured'] } })).filter(
      (e) => e.type === 'billing.ChargeCaptured' && e.data['source'] !== 'manual',
    ).length;

  it('ends with every account holding exactly the charges a clean replay computes, though killed while charging', async () => {
    const count = (source: string) =>
      [...clean.values()].flat().filter((line) => line.includes(` source=${source} `)).length;
    const expected = { bedDays: count('bed_day'), lab: count('lab_order'), stock: count('stock_issue') };
    // The replay itself charged every kind: else the comparison below would prove nothing about it.
    expect(expected.bedDays, 'bed-days in the clean replay').to.be.at.least(3);
    expect(expected.lab, 'lab orders in the clean replay').to.be.at.least(3);
    expect(expected.stock, 'stock issues in the clean replay').to.be.at.least(3);
    expect(expected.lab, 'every lab order on a stay charged by the replay').to.equal(
      sources.filter((e) => e.type === 'laboratory.LabTestOrdered' && e.data['stayId']).length,
    );
    const toCapture = expected.bedDays + expected.lab + expected.stock;

    const firstWave = sources.slice(0, Math.floor(sources.length * 0.8));
    const secondWave = sources.slice(firstWave.length);
    const killAt = Math.max(3, Math.floor(toCapture / 5));
    const t0 = Date.now();
    const { first, second, atKill } = await pm.killMidStream({
      firstWave,
      secondWave,
      progress: captured,
      killAt,
      caughtUp: async () => (await captured()) >= toCapture,
    });
    timings['kill, restart, caught up (s)'] = (Date.now() - t0) / 1000;
    expect(atKill, 'killed after some charges').to.be.at.least(killAt);
    expect(atKill, 'killed before every charge was captured').to.be.below(toCapture);

    const run = chargesByAccount(await pm.store.readAll());
    expect(chargeDifferences(run, clean), 'charges against the clean replay').to.deep.equal([]);
    // The comparison would have caught a charge doubled by the restart, or one it lost.
    const [someAccount, lines] = [...run].find(([, l]) => l.some((line) => line.includes(' source=stock_issue ')))!;
    const stockLine = lines.find((line) => line.includes(' source=stock_issue '))!;
    expect(chargeDifferences(new Map([...run, [someAccount, [...lines, stockLine]]]), clean)).to.have.length(1);
    expect(chargeDifferences(new Map([...run, [someAccount, lines.slice(1)]]), clean)).to.have.length(1);

    const secondRun = await pm.expectCleanEnd(first, second);
    console.log(
      `      ${run.size} accounts, ${sources.length} clinical events (${stored.length} stored); compared ${toCapture} captured charges (${expected.bedDays} bed-days, ${expected.lab} lab, ${expected.stock} stock); killed at ${atKill}; after restart ${secondRun.length} events acted on; ${JSON.stringify(timings)}`,
    );
  });
});
