import type { DatabaseName } from '@aqe/kernel';
import type { MemoryStrategy } from './memory.js';

/** Running statistics of the outcomes recorded for one key. */
export interface OutcomeStats<Outcome extends string = string> {
  /** How often each outcome was recorded. */
  counts: Partial<Record<Outcome, number>>;
  total: number;
  last: Outcome;
  /** Milliseconds since epoch of the last record. */
  lastSeen: number;
}

export interface LearningOptions {
  /** Default `patterns`. */
  db?: DatabaseName;
  /** Keys are stored as `learning:<namespace>:<key>`; BaseAgent uses the agent's name. */
  namespace: string;
  now?: () => number;
}

/**
 * What an agent learns from outcomes: per key (a failure signature, a test id), how often
 * each outcome was seen and when last. Statistics live in the store, so every thread and
 * every later run sees them. Two threads updating one key at the same instant can lose one
 * count (the store has no cross-thread read-modify-write); counts are evidence, not ledgers.
 */
export class LearningStrategy<Outcome extends string = string> {
  private readonly dbName: DatabaseName;
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(
    private readonly memory: MemoryStrategy,
    options: LearningOptions,
  ) {
    this.dbName = options.db ?? 'patterns';
    this.prefix = `learning:${options.namespace}:`;
    this.now = options.now ?? Date.now;
  }

  async record(key: string, outcome: Outcome): Promise<OutcomeStats<Outcome>> {
    const db = this.memory.db<OutcomeStats<Outcome>>(this.dbName);
    const previous = db.get(this.prefix + key);
    const counts: Partial<Record<Outcome, number>> = { ...previous?.counts };
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    const stats: OutcomeStats<Outcome> = { counts, total: (previous?.total ?? 0) + 1, last: outcome, lastSeen: this.now() };
    await db.put(this.prefix + key, stats);
    return stats;
  }

  stats(key: string): OutcomeStats<Outcome> | undefined {
    return this.memory.db<OutcomeStats<Outcome>>(this.dbName).get(this.prefix + key);
  }

  /** Every key with statistics, in key order. */
  *entries(): Iterable<{ key: string; stats: OutcomeStats<Outcome> }> {
    for (const { key, value } of this.memory.db<OutcomeStats<Outcome>>(this.dbName).range({ prefix: this.prefix })) {
      yield { key: key.slice(this.prefix.length), stats: value };
    }
  }
}
