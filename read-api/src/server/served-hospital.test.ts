import { memoryStores } from '../testing/hospital.js';
import { servedHospitalReads } from '../testing/served-hospital-reads.js';

describe('read API refuses tokens of hospitals not served: memory stores', () => {
  servedHospitalReads(
    async () => memoryStores(),
    () => ['h1', 'h2'],
  );
});
