import type { ChildMessage } from '../protocol.js';

/** The parts of the Vitest instance a reporter uses (present in Vitest 1–4). */
export interface VitestLike {
  state?: {
    /** Read defensively: experimental in Vitest 4. */
    getUnhandledErrors?(): readonly unknown[];
    /** Vitest 1–2: every task by id, updated before reporters hear of it. */
    idMap?: Map<string, unknown>;
  };
  /** Set while a run is being cancelled (bail). */
  isCancelling?: boolean;
  cancelCurrentRun(reason: string): Promise<void>;
}

export interface ReporterOptions {
  vitest: VitestLike;
  send(message: ChildMessage): void;
  /** Cancel the run once this many files failed (file-level bail); 0: never. */
  bail: number;
  /** Keep the tests' console output (not with aqe's --silent). */
  output: boolean;
}
