import { formatIssue, keyPath } from '../config/format-issue.js';
import { AqeError, ErrorCodes } from '../errors.js';
import type { RunTestsOptions } from '../types/kernel.js';

/** A run option that is not usable, naming the option: front ends map `field` to their own flag or input name. */
class RunOptionsError extends AqeError {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string, fix: string) {
    super(ErrorCodes.RUN_OPTIONS_INVALID, `run option ${reason}`, fix);
    this.name = 'RunOptionsError';
    this.field = field;
    this.reason = reason;
  }
}

const FIXES: Record<string, string> = {
  testNamePattern: 'Escape special characters, e.g. "adds 1\\\\+1"',
  shard: 'Use index/count with 1 ≤ index ≤ count, e.g. { index: 2, count: 4 }',
  retries: 'Use a whole number of retries, 0 or more',
  bail: 'Use true, or the number of failing files to stop after',
};

/**
 * Every front end (the CLI, the MCP server, a program embedding the kernel) hands
 * `kernel.run` the same options; they are checked here, once, before anything runs.
 */
export async function validateRunOptions(options: RunTestsOptions): Promise<void> {
  // zod loads in tens of milliseconds: only once there is a run to check.
  const { runOptionsSchema } = await import('./run-options-schema.js');
  const parsed = runOptionsSchema.safeParse(options);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  const field = keyPath(issue.path);
  const top = String(issue.path[0] ?? '');
  const reason = issue.code === 'custom' ? `${field} ${JSON.stringify(valueAt(options, issue.path))} ${issue.message}` : formatIssue(issue, options).message.replaceAll('`', '');
  throw new RunOptionsError(field, reason, FIXES[top] ?? 'See the RunTestsOptions type for what each option takes');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}
