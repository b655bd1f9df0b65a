import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue } from '../config/format-issue.js';
import { ConfigError, ErrorCodes, errorMessage } from '../errors.js';
import type { QuarantineEntry, QuarantineFile } from '../types/flaky.js';
import type { TestFileResult } from '../types/results.js';

/** Committed at the project root, next to the config, and edited by hand as often as by `aqe flaky --quarantine`. */
export const QUARANTINE_FILE = 'aqe.quarantine.json';

const FIX = `Fix ${QUARANTINE_FILE} to the shape { "version": 1, "tests": [{ "id": "<file> > <test title>", "reason": "...", "since": "YYYY-MM-DD" }] }, or delete it and run \`aqe flaky --quarantine\` again`;

/** Reads the project's quarantine list; null when there is none. A malformed file is an AQE_QUARANTINE_INVALID ConfigError. */
export async function loadQuarantine(root: string): Promise<QuarantineFile | null> {
  let text: string;
  try {
    text = readFileSync(join(root, QUARANTINE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw invalid('', `cannot be read: ${errorMessage(error)}`, error);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalid('', `is not valid JSON: ${errorMessage(error)}`, error);
  }
  // zod is loaded only when a quarantine file exists, as for the config: most runs have none.
  const { quarantineSchema } = await import('./quarantine-schema.js');
  const parsed = quarantineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = formatIssue(parsed.error.issues[0]!, raw);
    throw invalid(issue.path, issue.message);
  }
  const tests = parsed.data.tests.map((t): QuarantineEntry => {
    const [file = '', ...titlePath] = t.id.split(' > ');
    return { id: t.id, file: t.file ?? file, titlePath: t.titlePath ?? titlePath, reason: t.reason ?? '', since: t.since ?? '' };
  });
  return { version: 1, tests: tests.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

/** Marks the failed tests the list names as quarantined: still reported and counted, but not failing the run. */
export function markQuarantined(files: readonly TestFileResult[], list: QuarantineFile | null): void {
  if (!list || list.tests.length === 0) return;
  const ids = new Set(list.tests.map((t) => t.id));
  for (const file of files) {
    for (const test of file.tests) if (test.status === 'failed' && ids.has(test.id)) test.quarantined = true;
  }
}

function invalid(keyPath: string, message: string, cause?: unknown): ConfigError {
  const what = keyPath ? `${QUARANTINE_FILE}: ${message}` : `${QUARANTINE_FILE} ${message}`;
  return new ConfigError(ErrorCodes.QUARANTINE_INVALID, QUARANTINE_FILE, keyPath, what, FIX, cause === undefined ? undefined : { cause });
}
