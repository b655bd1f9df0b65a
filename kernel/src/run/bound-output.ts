import type { TestFileResult, TestOutput } from '../types/results.js';

/** Per test, and per file outside its tests: enough to see why it failed, never a log dump in every report. */
const TEST_OUTPUT_BYTES = 16 * 1024;
const FILE_OUTPUT_BYTES = 32 * 1024;

/**
 * Keeps what a file's tests printed within bounds (the end of it, where a failure's
 * context usually is, with a note of what was cut), or drops it all with `--silent`.
 */
export function boundOutput(result: TestFileResult, silent: boolean): TestFileResult {
  const hasOutput = result.output !== undefined || result.tests.some((t) => t.output !== undefined);
  if (!hasOutput) return result;
  if (silent) {
    const { output: _file, ...rest } = result;
    return { ...rest, tests: result.tests.map(({ output: _test, ...t }) => t) };
  }
  const tests = result.tests.map((t) => (t.output ? { ...t, output: tail(t.output, TEST_OUTPUT_BYTES) } : t));
  return { ...result, tests, ...(result.output ? { output: tail(result.output, FILE_OUTPUT_BYTES) } : {}) };
}

function tail(output: readonly TestOutput[], limit: number): TestOutput[] {
  let size = 0;
  const kept: TestOutput[] = [];
  for (let i = output.length - 1; i >= 0; i--) {
    const chunk = output[i]!;
    if (size + chunk.text.length <= limit) {
      kept.unshift(chunk);
      size += chunk.text.length;
      continue;
    }
    const room = limit - size;
    if (room > 0) kept.unshift({ stream: chunk.stream, text: chunk.text.slice(-room) });
    const cut = output.slice(0, i).reduce((n, c) => n + c.text.length, 0) + chunk.text.length - Math.max(room, 0);
    kept.unshift({ stream: 'stderr', text: `[aqe: ${cut} earlier characters of output left out]\n` });
    break;
  }
  return kept;
}
