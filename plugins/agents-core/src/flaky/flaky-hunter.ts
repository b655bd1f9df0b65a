import type { FlakyHunterInput, FlakyHunterOutput } from '@aqe/kernel';
import { defineAgent } from '@aqe/workers/agent';
import { findSuspects } from './find-suspects.js';
import { readTestHistories } from './read-history.js';

/**
 * `flaky-hunter`: tests whose outcome changed while their file did not, from the run
 * history in the store. The analysis is the pure `findSuspects`; this is its worker entry.
 */
export default defineAgent<FlakyHunterInput, FlakyHunterOutput>({
  name: 'flaky-hunter',
  version: '0.1.0',
  run(input, ctx) {
    const checked = checkInput(input ?? {});
    return { suspects: findSuspects(readTestHistories(ctx.store), checked) };
  },
});

function checkInput(input: FlakyHunterInput): FlakyHunterInput {
  for (const key of ['limit', 'minFlips'] as const) {
    const value = input[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) throw new TypeError(`flaky-hunter: input.${key} must be a non-negative integer, received ${JSON.stringify(value)}`);
  }
  if (input.files !== undefined && !(Array.isArray(input.files) && input.files.every((f) => typeof f === 'string'))) {
    throw new TypeError('flaky-hunter: input.files must be an array of repo-relative paths');
  }
  return input;
}
