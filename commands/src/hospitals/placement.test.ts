import { expect } from 'chai';
import type { DomainEvent } from '../shared/command-spec.js';
import { given, TEST_HOSPITAL, TEST_NOW, testContext } from '../shared/given-when-then.js';
import { registerHospital } from './commands.js';
import {
  decideCompleteMove,
  decidePlaceHospital,
  leastLoadedPartition,
  type PlacementState,
  placementAggregate,
} from './placement.js';
import { completeHospitalMove, startHospitalMove } from './placement-commands.js';

const placed = (hospitalId: string, partition: number, placementVersion = 1): DomainEvent => ({
  type: 'HospitalPlaced',
  data: { hospitalId, partition, partitions: 12, placementVersion, placedAt: TEST_NOW },
});
const moveStarted = (hospitalId: string, fromPartition: number, toPartition: number, placementVersion = 2) => ({
  type: 'HospitalMoveStarted',
  data: { hospitalId, fromPartition, toPartition, placementVersion, reason: 'balance', startedAt: TEST_NOW },
});
const fold = (events: readonly DomainEvent[]): PlacementState =>
  events.reduce(
    (s, e) => placementAggregate.evolve(s, e as Parameters<typeof placementAggregate.evolve>[1]),
    placementAggregate.initialState,
  );
const registration = { name: 'St Mary', timeZone: 'Europe/Paris', currency: 'EUR' };
const placedOn = (partition: number) => ({
  type: 'HospitalPlaced',
  data: { hospitalId: TEST_HOSPITAL, partition, partitions: 12, placementVersion: 1, placedAt: TEST_NOW },
});

describe('hospitals placement on Kafka partitions', () => {
  describe('placing a hospital as it is registered', () => {
    it('given no hospital placed, the first goes to partition 0', () => {
      given({})
        .when(registerHospital, registration)
        .thenEvents({
          hospital: [
            {
              type: 'HospitalRegistered',
              data: {
                hospitalId: TEST_HOSPITAL,
                name: 'St Mary',
                timeZone: 'Europe/Paris',
                currency: 'EUR',
                registeredAt: TEST_NOW,
              },
            },
          ],
          placement: [placedOn(0)],
        });
    });

    it('given partitions 0–4 hold one hospital each, the next goes to the least-loaded: 5', () => {
      const history = [0, 1, 2, 3, 4].map((p) => placed(`h${p}`, p));
      given({ placement: history })
        .when(registerHospital, registration)
        .thenEvents({
          hospital: [
            {
              type: 'HospitalRegistered',
              data: {
                hospitalId: TEST_HOSPITAL,
                name: 'St Mary',
                timeZone: 'Europe/Paris',
                currency: 'EUR',
                registeredAt: TEST_NOW,
              },
            },
          ],
          placement: [placedOn(5)],
        });
    });

    it('given every partition holds one and some two, the next goes to the lowest partition holding one', () => {
      const history = [
        ...Array.from({ length: 12 }, (_, p) => placed(`a${p}`, p)),
        placed('b0', 0),
        placed('b1', 1),
        placed('b3', 3),
      ];
      expect(leastLoadedPartition(fold(history), 12)).to.equal(2);
    });

    it('a hospital being moved counts on the partition it is going to', () => {
      const history = [placed('a', 0), placed('b', 1), moveStarted('a', 0, 1)];
      expect(leastLoadedPartition(fold(history), 2)).to.equal(0);
    });

    it('24 hospitals on 12 partitions: exactly two on each; the 25th makes a third only then', () => {
      let state = placementAggregate.initialState;
      const chosen: number[] = [];
      for (let i = 0; i < 25; i++) {
        const [event] = decidePlaceHospital({ hospitalId: `h${i}`, partitions: 12, at: TEST_NOW }, state);
        chosen.push((event!.data as { partition: number }).partition);
        state = placementAggregate.evolve(state, event!);
        if (i === 11) expect(new Set(chosen).size, 'one on each before any gets two').to.equal(12);
      }
      const counts = Array.from({ length: 12 }, (_, p) => chosen.slice(0, 24).filter((c) => c === p).length);
      expect(counts).to.deep.equal(Array(12).fill(2));
      expect(chosen[24]).to.equal(0);
    });

    it('refuses: hospital-already-placed', () => {
      expect(() =>
        decidePlaceHospital({ hospitalId: 'a', partitions: 12, at: TEST_NOW }, fold([placed('a', 3)])),
      ).to.throw('already has a partition');
    });

    it('uses the partitions the command API is configured with', () => {
      const history = [placed('a', 0), placed('b', 1)];
      given({ placement: history })
        .when(registerHospital, registration, { ...testContext(), kafkaPartitions: 2 })
        .thenEvents({
          hospital: [
            {
              type: 'HospitalRegistered',
              data: {
                hospitalId: TEST_HOSPITAL,
                name: 'St Mary',
                timeZone: 'Europe/Paris',
                currency: 'EUR',
                registeredAt: TEST_NOW,
              },
            },
          ],
          placement: [{ ...placedOn(0), data: { ...placedOn(0).data, partitions: 2 } }],
        });
    });
  });

  describe('start-hospital-move', () => {
    const body = { toPartition: 7, reason: 'balance' };
    it('given the hospital on partition 3, starts its move to 7 (placement version 2)', () => {
      given({ placement: [placed(TEST_HOSPITAL, 3)] })
        .when(startHospitalMove, body)
        .thenEvents({ placement: [moveStarted(TEST_HOSPITAL, 3, 7)] });
    });
    it('refuses: hospital-not-placed', () => {
      given({ placement: [placed('other', 3)] })
        .when(startHospitalMove, body)
        .thenRejects('hospital-not-placed');
    });
    it('refuses: move-in-progress', () => {
      given({ placement: [placed(TEST_HOSPITAL, 3), moveStarted(TEST_HOSPITAL, 3, 5)] })
        .when(startHospitalMove, body)
        .thenRejects('move-in-progress');
    });
    it('refuses: same-partition', () => {
      given({ placement: [placed(TEST_HOSPITAL, 7)] })
        .when(startHospitalMove, body)
        .thenRejects('same-partition');
    });
    it('refuses: partition-out-of-range (12 partitions: 0 to 11)', () => {
      given({ placement: [placed(TEST_HOSPITAL, 3)] })
        .when(startHospitalMove, { ...body, toPartition: 12 })
        .thenRejects('partition-out-of-range');
    });
    it('a second move starts from where the first left it', () => {
      const done = {
        type: 'HospitalMoveCompleted',
        data: {
          hospitalId: TEST_HOSPITAL,
          fromPartition: 3,
          toPartition: 5,
          placementVersion: 2,
          completedAt: TEST_NOW,
        },
      };
      given({ placement: [placed(TEST_HOSPITAL, 3), moveStarted(TEST_HOSPITAL, 3, 5), done] })
        .when(startHospitalMove, body)
        .thenEvents({ placement: [moveStarted(TEST_HOSPITAL, 5, 7, 3)] });
    });
  });

  describe('complete-hospital-move (the relay, once the old partition drained)', () => {
    it('given a move from 3 to 7 in progress, completes it', () => {
      given({ placement: [placed(TEST_HOSPITAL, 3), moveStarted(TEST_HOSPITAL, 3, 7)] })
        .when(completeHospitalMove, { placementVersion: 2 })
        .thenEvents({
          placement: [
            {
              type: 'HospitalMoveCompleted',
              data: {
                hospitalId: TEST_HOSPITAL,
                fromPartition: 3,
                toPartition: 7,
                placementVersion: 2,
                completedAt: TEST_NOW,
              },
            },
          ],
        });
    });
    it('refuses: no-move-in-progress (a completion already recorded)', () => {
      given({ placement: [placed(TEST_HOSPITAL, 3)] })
        .when(completeHospitalMove, { placementVersion: 2 })
        .thenRejects('no-move-in-progress');
    });
    it('refuses: move-version-mismatch', () => {
      given({ placement: [placed(TEST_HOSPITAL, 3), moveStarted(TEST_HOSPITAL, 3, 7, 4)] })
        .when(completeHospitalMove, { placementVersion: 2 })
        .thenRejects('move-version-mismatch');
    });
    it('refuses: hospital-not-placed', () => {
      expect(() =>
        decideCompleteMove(
          { type: 'CompleteHospitalMove', hospitalId: 'x', placementVersion: 2, at: TEST_NOW },
          fold([]),
        ),
      ).to.throw('no placement');
    });
  });
});
