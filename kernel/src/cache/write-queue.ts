/**
 * Remote writes run in the background, at most `limit` at a time: a run never waits on the
 * network for a write unless that many are already in flight (then it waits for a slot,
 * which bounds memory), and `drain()` waits for all of them before the run returns.
 */
export class WriteQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  /** Resolves once the write has started; `task` must not reject. */
  async push(task: () => Promise<void>): Promise<void> {
    while (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    const running: Promise<void> = task().finally(() => {
      this.active--;
      this.inFlight.delete(running);
      this.waiting.shift()?.();
    });
    this.inFlight.add(running);
  }

  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
