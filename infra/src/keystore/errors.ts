import { DependencyUnavailable } from '../http/dependency.js';

export class KeyStoreUnavailable extends DependencyUnavailable {
  override readonly name = 'KeyStoreUnavailable';
  constructor(cause: unknown) {
    super('key store', { cause });
  }
}
