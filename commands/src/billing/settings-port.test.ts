import { createMemoryKeyStore, HttpProblem, MemoryEventStore } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { hospitalAggregate, settingsInForce } from '../hospitals/index.js';
import { blindIndexer } from '../server/blind-index.js';
import { eventRegistry } from '../server/event-registry.js';
import { executeCommand } from '../server/execute-command.js';
import type { HospitalDirectory } from '../server/hospital-directory.js';
import type { DomainEvent } from '../shared/command-spec.js';
import { given, hospitalSettingsChanged, TEST_HOSPITAL, testContext, testId } from '../shared/given-when-then.js';
import * as spec from './commands.js';
import { billingModule } from './index.js';

const registered = (currency: string, timeZone: string): DomainEvent => ({
  type: 'HospitalRegistered',
  data: { hospitalId: TEST_HOSPITAL, name: 'St Port', timeZone, currency, registeredAt: '2025-01-01T00:00:00.000Z' },
});

/**
 * Billing learns its hospital's currency and time zone from the hospitals settings port (the
 * settings in force at the command's time), as every other module learns hospital settings; it
 * never reads the hospitals module's stream itself.
 */
describe('billing: currency and time zone from the hospital settings port', () => {
  it('given a hospital registered in CHF with a later settings version, an account opens in CHF', () => {
    const hospital = [
      registered('CHF', 'Europe/Zurich'),
      hospitalSettingsChanged(1, '2025-02-01T00:00:00.000Z', { dischargeWithUnbilledCharges: 'warn' }),
    ];
    given({}, { hospital })
      .when(spec.openOutpatientAccount, { patientId: testId(3) }, testContext([testId(1)]))
      .thenEvents({
        account: [
          {
            type: 'AccountOpened',
            data: {
              accountId: testId(1),
              patientId: testId(3),
              kind: 'outpatient',
              stayId: null,
              currency: 'CHF',
              openedAt: testContext().now,
            },
          },
        ],
      });
  });

  it('the day a charge is dated by is the hospital’s local day from the settings’ time zone', () => {
    const LATE = '2025-03-01T23:30:00.000Z';
    const late = () => ({ ...testContext([testId(7)]), now: LATE });
    const account: DomainEvent = {
      type: 'AccountOpened',
      data: {
        accountId: testId(1),
        patientId: testId(3),
        kind: 'outpatient',
        stayId: null,
        currency: 'JPY',
        openedAt: '2025-03-01T00:00:00.000Z',
      },
    };
    const price = (effectiveFrom: string, unitPrice: number): DomainEvent => ({
      type: 'ServicePriceSet',
      data: {
        serviceCode: 'consult',
        kind: 'procedure',
        description: 'Consultation',
        unitPrice,
        markupBasisPoints: 0,
        taxBasisPoints: 0,
        currency: 'JPY',
        effectiveFrom,
        setAt: '2025-01-01T00:00:00.000Z',
      },
    });
    const history = { account: [account], prices: [price('2025-01-01', 5000), price('2025-03-02', 6000)] };
    const dated = (hospitalZone: string, date: string, amount: number) =>
      given(history, { hospital: [registered('JPY', hospitalZone)] })
        .when(spec.captureCharge, { accountId: testId(1), serviceCode: 'consult' }, late())
        .thenEvents({
          account: [
            {
              type: 'ChargeCaptured',
              data: {
                accountId: testId(1),
                chargeId: testId(7),
                source: 'manual',
                sourceId: testId(7),
                serviceCode: 'consult',
                description: 'Consultation',
                quantity: 1,
                unitPrice: amount,
                netAmount: amount,
                taxBasisPoints: 0,
                taxAmount: 0,
                totalAmount: amount,
                currency: 'JPY',
                serviceDate: date,
                capturedAt: LATE,
              },
            },
          ],
        });
    // The same instant is 2 March in Tokyo (the new price) and still 1 March in Honolulu (the old one).
    dated('Asia/Tokyo', '2025-03-02', 6000);
    dated('Pacific/Honolulu', '2025-03-01', 5000);
  });

  describe('through the command pipeline', () => {
    const store = () => new MemoryEventStore();
    const deps = (eventStore: MemoryEventStore, hospitals: HospitalDirectory) => ({
      eventStore,
      keyStore: createMemoryKeyStore(),
      events: eventRegistry([billingModule]),
      clock: () => new Date('2026-01-01T08:00:00Z'),
      newId: uuidv7,
      blindIndex: blindIndexer('secret'),
      hospitals,
    });
    /** A settings port answering from a hospital's history, recording what it was asked. */
    const port = (history: readonly DomainEvent[], asked: { hospitalId: string; at: string }[]): HospitalDirectory => {
      const state = history.reduce((s, e) => hospitalAggregate.evolve(s, e as never), hospitalAggregate.initialState);
      return {
        async settingsInForce(hospitalId, at) {
          asked.push({ hospitalId, at });
          return settingsInForce(state, at);
        },
        async status() {
          return 'active';
        },
        written() {},
      };
    };
    const request = (body: object) => ({
      module: billingModule,
      spec: spec.openOutpatientAccount,
      body: spec.openOutpatientAccount.body.parse(body),
      hospitalId: TEST_HOSPITAL,
      actor: { id: 'clerk-1', role: 'billing_clerk' },
      correlationId: 'c',
      commandId: uuidv7(),
      traceparent: null,
    });

    it('asks the port for the settings in force at the command’s time and opens the account in their currency', async () => {
      const asked: { hospitalId: string; at: string }[] = [];
      const eventStore = store();
      const result = await executeCommand(
        request({ patientId: uuidv7() }),
        deps(eventStore, port([registered('NOK', 'Europe/Oslo')], asked)),
      );
      expect(asked).to.deep.equal([{ hospitalId: TEST_HOSPITAL, at: '2026-01-01T08:00:00.000Z' }]);
      const [opened] = await eventStore.readAll();
      expect(opened?.type).to.equal('billing.AccountOpened');
      expect(opened?.data['currency']).to.equal('NOK');
      expect(result.events).to.deep.equal(['billing.AccountOpened']);
      // Billing read no hospital stream: the hospital's own stream does not even exist in this store.
      expect((await eventStore.readAll()).map((e) => e.streamId)).to.deep.equal([result.streamId]);
    });

    it('refuses with hospital-not-registered when the port knows no such hospital, appending nothing', async () => {
      const eventStore = store();
      const refused = await executeCommand(request({ patientId: uuidv7() }), deps(eventStore, port([], []))).catch(
        (e: unknown) => e,
      );
      expect(refused).to.be.instanceOf(HttpProblem);
      expect((refused as HttpProblem).extensions.rule).to.equal('hospital-not-registered');
      expect(await eventStore.readAll()).to.deep.equal([]);
    });
  });
});
