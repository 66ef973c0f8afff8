import { requireService } from '../../testing/services.js';
import { eventStoreContract } from '../contract.js';
import { KurrentEventStore } from './kurrent-event-store.js';

describe('EventStoreDB / KurrentDB event store', () => {
  let url: string;

  before(function () {
    url = requireService(this, 'EVENT_STORE_URL', 'an esdb:// or kurrentdb:// server; none is installed here');
    if (!/^(esdb|kurrentdb)(\+discover)?:\/\//.test(url)) {
      console.log(
        `      skipped: EVENT_STORE_URL names no EventStoreDB/KurrentDB server (scheme ${url.split(':')[0]})`,
      );
      this.skip();
    }
  });

  // The server is shared and never empty: the suite isolates itself by fresh stream ids.
  eventStoreContract('eventstoredb', async () => new KurrentEventStore(url), { freshStoreIsEmpty: false });
});
