import { UsageError } from './errors.js';

/** Documented in docs/cli.md; scripts and CI branch on them. */
export const ExitCode = {
  Ok: 0,
  /** The command ran and found a failure (e.g. `doctor --strict` with an invalid plugin). */
  Failure: 1,
  /** The call or the config is wrong: nothing ran. */
  Usage: 2,
} as const;

/**
 * Config errors are matched by code, not class: the kernel module is imported lazily
 * and may be a different copy from the one these types came from.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return ExitCode.Usage;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('AQE_CONFIG_') || code === 'AQE_RUNNER_UNKNOWN' || code === 'AQE_QUARANTINE_INVALID' || code === 'AQE_RUN_OPTIONS_INVALID' || code === 'AQE_CACHE_CONFIG_INVALID')) return ExitCode.Usage;
  return ExitCode.Failure;
}
