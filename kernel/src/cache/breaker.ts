import { errorMessage } from '../errors.js';
import { TimeoutError, withTimeout } from '../util/with-timeout.js';

/** What a call through an open breaker, or a call that just opened it, gives back. */
export const SKIPPED: unique symbol = Symbol('skipped');

/**
 * One tier's circuit breaker for one run: the first error or timeout opens it and it stays
 * open, so a flaky or slow tier costs at most one timeout, and the run goes on with the
 * other tiers. A run is short; a half-open retry would only buy a second timeout.
 */
export class TierBreaker {
  private reason: string | undefined;

  constructor(
    readonly tier: string,
    private readonly timeoutMs: number,
    private readonly onOpen: (tier: string, reason: string) => void,
  ) {}

  get isOpen(): boolean {
    return this.reason !== undefined;
  }

  async call<T>(op: string, work: () => Promise<T>): Promise<T | typeof SKIPPED> {
    if (this.reason !== undefined) return SKIPPED;
    try {
      return await withTimeout(work, this.timeoutMs);
    } catch (error) {
      this.trip(error instanceof TimeoutError ? `${op} timed out after ${this.timeoutMs} ms` : `${op} failed: ${errorMessage(error)}`);
      return SKIPPED;
    }
  }

  private trip(reason: string): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.onOpen(this.tier, reason);
  }
}
