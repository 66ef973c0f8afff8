/**
 * A doorbell for live subscribers: writers (or a LISTEN connection) ring it, waiting readers
 * wake at once; a timeout bounds the wait so polling still finds commits we were not told about.
 */
export class Wakeup {
  private waiters = new Set<() => void>();

  ring(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next ring or after `ms`, whichever comes first. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }
}
