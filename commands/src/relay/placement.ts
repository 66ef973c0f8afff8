import type { RecordedEvent } from '@chartline/infra';

/** The platform-wide placement stream the relay reads at start (commands/src/hospitals/placement.ts). */
export const PLACEMENT_STREAM = 'placement-platform.kafka';

const PLACED = 'hospitals.HospitalPlaced';
const MOVE_STARTED = 'hospitals.HospitalMoveStarted';
const MOVE_COMPLETED = 'hospitals.HospitalMoveCompleted';

/** A move the relay is carrying out: the hospital's events after its start are held. */
export interface MoveInProgress {
  readonly hospitalId: string;
  readonly fromPartition: number;
  readonly toPartition: number;
  readonly placementVersion: number;
}

const int = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) ? value : -1);

/**
 * What the relay knows of the hospitals' placement, learnt from the placement events in the order
 * it relays them — so it never routes an event by a placement recorded after it. Pure: no I/O.
 */
export class PlacementTracker {
  private readonly partitionOf = new Map<string, number>();
  private readonly moving = new Map<string, MoveInProgress>();

  /** The hospital's partition now (its old one while a move is in progress); undefined: the key hash. */
  partition(hospitalId: string): number | undefined {
    return this.partitionOf.get(hospitalId);
  }

  move(hospitalId: string): MoveInProgress | undefined {
    return this.moving.get(hospitalId);
  }

  moves(): MoveInProgress[] {
    return [...this.moving.values()];
  }

  /** Every hospital placed, and where (for the placement script and tests). */
  placements(): ReadonlyMap<string, number> {
    return new Map(this.partitionOf);
  }

  /**
   * Folds one event (any type; only placement events change anything). Returns what it was: a
   * move starting or completing, for the relay to act on.
   */
  apply(event: Pick<RecordedEvent, 'type' | 'data'>): 'placed' | 'move-started' | 'move-completed' | undefined {
    const d = event.data as Record<string, unknown>;
    const hospitalId = typeof d['hospitalId'] === 'string' ? d['hospitalId'] : undefined;
    if (hospitalId === undefined) return undefined;
    switch (event.type) {
      case PLACED:
        this.partitionOf.set(hospitalId, int(d['partition']));
        return 'placed';
      case MOVE_STARTED:
        this.moving.set(hospitalId, {
          hospitalId,
          fromPartition: int(d['fromPartition']),
          toPartition: int(d['toPartition']),
          placementVersion: int(d['placementVersion']),
        });
        return 'move-started';
      case MOVE_COMPLETED:
        this.moving.delete(hospitalId);
        this.partitionOf.set(hospitalId, int(d['toPartition']));
        return 'move-completed';
      default:
        return undefined;
    }
  }
}
