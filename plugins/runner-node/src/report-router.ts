import type { WireEvent } from './protocol.js';

/** What the router tells: which file an event belongs to, and when a file's report is whole. */
export interface RouterSink {
  /** A file's process started. */
  started(file: string): void;
  /** An event (test:start, test:result, output) of a file. */
  event(file: string, event: WireEvent): void;
  /** The file's process ended (before its events when it finished out of turn). */
  completed(file: string, event: Extract<WireEvent, { type: 'file:complete' }>): void;
  /** Every event of the file has been routed. */
  finalized(file: string): void;
}

/**
 * Tells which test file each event of one `node --test` run belongs to, and when a file is done.
 *
 * Node 20 runs files in parallel but reports them in order (the order of their `file:enqueue`):
 * a file's events are held back until every file before it has been reported. The file at the
 * head of that order reports its events as they arrive, but what it had buffered before becoming
 * the head comes out only with its next event — or after its own `file:complete`, when it ends.
 * So a `file:complete` starts a burst, all in one tick: the rest of that file's events, its own
 * pass/fail when it failed on its own, then each file that finished out of turn behind it, in
 * order, the same way. A file is whole when the burst it was in ends: at the reporter's `idle`,
 * or at any event of a later tick (the next `file:complete` or `file:dequeue`). Within a burst,
 * tests carry the file they were declared in (the test file unless a helper module declared
 * them) and output its process: that tells where one held-back file ends and the next begins.
 */
export class ReportRouter {
  private readonly order: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly completedAt = new Set<number>();
  private readonly finalizedAt = new Set<number>();
  /** The first file not yet finalized: the one Node is reporting, or will report next. */
  private head = 0;

  constructor(private readonly sink: RouterSink) {}

  push(event: WireEvent): void {
    switch (event.type) {
      case 'file:enqueue':
        this.indexOf(event.file);
        return;
      case 'file:dequeue':
        this.settle();
        this.sink.started(event.file);
        return;
      case 'file:complete': {
        this.settle();
        const at = this.indexOf(event.file);
        this.completedAt.add(at);
        this.sink.completed(event.file, event);
        return;
      }
      case 'file:report': {
        const at = this.index.get(event.file);
        if (at !== undefined && at >= this.head && this.completedAt.has(at)) this.finalizeBefore(at + 1);
        return;
      }
      case 'idle':
      case 'end':
        this.settle();
        return;
      default: {
        const at = this.routeOf(event);
        const file = this.order[at];
        if (file !== undefined && !this.finalizedAt.has(at)) this.sink.event(file, event);
      }
    }
  }

  /** The run's stream ended: whatever finished has been reported. */
  close(): void {
    this.settle();
  }

  /** Files that were queued but never finished (in report order). */
  unfinished(): string[] {
    return this.order.filter((_, at) => !this.finalizedAt.has(at));
  }

  private routeOf(event: WireEvent): number {
    const declared = 'file' in event && event.file !== undefined ? this.index.get(event.file) : undefined;
    if (declared === undefined || declared === this.head) return this.head;
    // Late output of a finalized file is dropped (Node drops it too); a test declared in an
    // earlier test file is an import of it.
    if (declared < this.head) return event.type === 'output' ? declared : this.head;
    // Output names its process exactly. A test naming a later file moves a held-back burst on;
    // the head, still running, owns whatever it reports (a test file may import another).
    if (event.type === 'output' || this.completedAt.has(this.head)) {
      this.finalizeBefore(declared);
      return declared;
    }
    return this.head;
  }

  /** Between bursts: every finished file from the head on has been reported. */
  private settle(): void {
    while (this.head < this.order.length && this.completedAt.has(this.head)) this.finalizeBefore(this.head + 1);
  }

  private finalizeBefore(end: number): void {
    for (; this.head < end; this.head++) {
      if (this.finalizedAt.has(this.head)) continue;
      this.finalizedAt.add(this.head);
      this.sink.finalized(this.order[this.head]!);
    }
  }

  private indexOf(file: string): number {
    let at = this.index.get(file);
    if (at === undefined) {
      at = this.order.length;
      this.order.push(file);
      this.index.set(file, at);
    }
    return at;
  }
}
