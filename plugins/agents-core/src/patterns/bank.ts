import type { Store, StoreDatabase } from '@aqe/kernel';
import { type Match, MatchIndex } from './match-index.js';
import { sketch } from './minhash.js';
import { COUNT_KEY, type CountRecord, type OrdinalRecord, ordKey, type PendingFailure, type SignatureRecord, sigKey, TESTS_KEPT, testKey } from './records.js';
import type { FailureSignature } from './signature.js';

export const signatureText = (s: Pick<FailureSignature, 'errorType' | 'template' | 'frame'>) => `${s.errorType} ${s.template} ${s.frame ?? ''}`;

/** One bank per store per thread: a worker keeps its match index between tasks. */
const banks = new WeakMap<Store, PatternBank>();

/**
 * The pattern bank: signature records in the `patterns` database and the in-memory match
 * index over them. Changes made while handling one task are collected and written together
 * by `flush`, so two failures with one signature count twice, not once.
 */
export class PatternBank {
  private readonly index = new MatchIndex();
  private readonly dirty = new Map<string, SignatureRecord>();
  private readonly pendings = new Map<string, PendingFailure | null>();
  private readonly added: string[] = [];
  /** How many ordinals of the store the index holds. */
  private loaded = 0;

  private constructor(private readonly db: StoreDatabase<unknown>) {}

  static of(store: Store): PatternBank {
    let bank = banks.get(store);
    if (!bank) {
      bank = new PatternBank(store.db('patterns'));
      banks.set(store, bank);
    }
    bank.sync();
    return bank;
  }

  /** Catches up with signatures other workers or processes added since the last task. */
  private sync(): void {
    const count = (this.db.get(COUNT_KEY) as CountRecord | undefined)?.count ?? 0;
    for (; this.loaded < count; this.loaded++) {
      const ord = this.db.get(ordKey(this.loaded)) as OrdinalRecord | undefined;
      const record = ord && this.get(ord.id);
      if (record) this.index.add(record.id, record.sketch);
    }
  }

  get size(): number {
    return this.index.size;
  }

  get(id: string): SignatureRecord | undefined {
    return this.dirty.get(id) ?? (this.db.get(sigKey(id)) as SignatureRecord | undefined);
  }

  nearest(signature: Pick<FailureSignature, 'errorType' | 'template' | 'frame'>, limit: number, min: number): Match[] {
    return this.index.nearest(sketch(signatureText(signature)), limit, min);
  }

  /** Every record, in id order (for queries without text). */
  *records(): Iterable<SignatureRecord> {
    for (const { value } of this.db.range({ prefix: 'sig:' })) {
      const record = value as SignatureRecord;
      yield this.dirty.get(record.id) ?? record;
    }
  }

  /** Counts one more occurrence of a failure in a test, creating its record the first time. */
  observe(signature: FailureSignature, testId: string): SignatureRecord {
    const record = this.get(signature.id) ?? this.create(signature);
    const tests = record.tests.includes(testId) ? record.tests : [...record.tests, testId].sort().slice(0, TESTS_KEPT);
    const next = { ...record, occurrences: record.occurrences + 1, tests };
    this.dirty.set(record.id, next);
    return next;
  }

  addOutcome(id: string, outcome: keyof SignatureRecord['outcomes']): void {
    const record = this.get(id);
    if (!record) return;
    this.dirty.set(id, { ...record, outcomes: { ...record.outcomes, [outcome]: (record.outcomes[outcome] ?? 0) + 1 } });
  }

  pending(testId: string): PendingFailure | undefined {
    const local = this.pendings.get(testId);
    if (local !== undefined) return local ?? undefined;
    return this.db.get(testKey(testId)) as PendingFailure | undefined;
  }

  setPending(testId: string, pending: PendingFailure | null): void {
    this.pendings.set(testId, pending);
  }

  async flush(): Promise<void> {
    const writes: Promise<unknown>[] = [];
    for (const record of this.dirty.values()) writes.push(this.db.put(sigKey(record.id), record));
    for (const [testId, pending] of this.pendings) writes.push(pending ? this.db.put(testKey(testId), pending) : this.db.remove(testKey(testId)));
    if (this.added.length > 0) {
      const count = (this.db.get(COUNT_KEY) as CountRecord | undefined)?.count ?? 0;
      for (const [i, id] of this.added.entries()) writes.push(this.db.put(ordKey(count + i), { id } satisfies OrdinalRecord));
      writes.push(this.db.put(COUNT_KEY, { count: count + this.added.length } satisfies CountRecord));
      if (count === this.loaded) this.loaded += this.added.length;
    }
    this.discard();
    await Promise.all(writes);
  }

  /** Forgets the changes of a task that failed before `flush`. */
  discard(): void {
    this.dirty.clear();
    this.pendings.clear();
    this.added.length = 0;
  }

  private create(signature: FailureSignature): SignatureRecord {
    const record: SignatureRecord = { ...signature, sketch: Array.from(sketch(signatureText(signature))), occurrences: 0, outcomes: {}, tests: [] };
    this.index.add(record.id, record.sketch);
    this.added.push(record.id);
    return record;
  }
}
