import type { Aggregate } from '../shared/command-spec.js';
import type { AdmissionsEventNamed } from './events.js';

export interface WardState {
  readonly defined: boolean;
}

/** `ward-<hospitalId>.<wardId>`. Beds are their own streams; a ward only has to exist. */
export const wardAggregate: Aggregate<WardState, AdmissionsEventNamed<'WardDefined'>> = {
  name: 'ward',
  initialState: { defined: false },
  evolve: (state, event) => (event.type === 'WardDefined' ? { defined: true } : state),
};
