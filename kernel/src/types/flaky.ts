/** Input of the `flaky-hunter` agent (and the `aqe_flaky_report` MCP tool). */
export interface FlakyHunterInput {
  /** At most this many suspects, the strongest first (default 100). */
  limit?: number;
  /** Flips needed to be a suspect (default 1). */
  minFlips?: number;
  /** Only tests in these files or directories (repo-relative). */
  files?: string[];
}

/** A test whose outcome changed while the content of its file did not. */
export interface FlakySuspect {
  testId: string;
  file: string;
  titlePath: string[];
  /** passed↔failed changes between consecutive runs with the same file content, plus passes after a retry. */
  flips: number;
  /** Recorded runs that passed or failed (skipped and todo say nothing about flakiness). */
  runs: number;
  /** failed / runs, rounded to 3 decimals. */
  failureRate: number;
  /** The last recorded statuses, oldest first. */
  lastStatuses: string[];
  reason: string;
}

export interface FlakyHunterOutput {
  /** Sorted by descending flips, then descending runs, then testId. */
  suspects: FlakySuspect[];
}

/** What re-running a suspect showed (`aqe flaky --confirm`). */
export type FlakyClassification = 'confirmed-flaky' | 'stable-pass' | 'stable-fail';

export interface FlakyConfirmation {
  testId: string;
  file: string;
  titlePath: string[];
  /** Re-runs in which the test passed or failed. */
  runs: number;
  passed: number;
  failed: number;
  /** failed / runs, rounded to 3 decimals. */
  flakeRate: number;
  /** 95% Wilson score interval of the flake rate, rounded to 3 decimals. */
  interval: { low: number; high: number };
  classification: FlakyClassification;
}

/** One quarantined test in `aqe.quarantine.json`. */
export interface QuarantineEntry {
  id: string;
  file: string;
  titlePath: string[];
  reason: string;
  /** Date the test was quarantined (YYYY-MM-DD). */
  since: string;
}

/** `aqe.quarantine.json` at the project root: failures of these tests are reported but do not fail `aqe run`. */
export interface QuarantineFile {
  version: 1;
  /** Sorted by id. */
  tests: QuarantineEntry[];
}

/** `aqe flaky`: suspects from history, and what --confirm and --quarantine did. */
export interface FlakyReport {
  /** Tests with recorded history that were examined. */
  examined: number;
  suspects: FlakySuspect[];
  /**
   * Present with --confirm: re-runs per suspect file, one entry per suspect that ran, sorted
   * by testId, and the suspects that no re-run reported (renamed, deleted, or filtered out).
   */
  confirm?: { runs: number; results: FlakyConfirmation[]; notRun: string[] };
  /** Present with --quarantine: the file written (repo-relative) and the test ids it gained, sorted. */
  quarantine?: { file: string; added: string[]; total: number };
}
