import { errorMessage } from '../errors.js';
import type { FailureClassification } from '../types/agents.js';
import type { RunResult } from '../types/results.js';
import type { KernelInternals } from '../discovery/internals.js';
import { type TestOutcome, testKey } from './history.js';

const CLASSIFIER = 'failure-classifier';

/**
 * After the runners: hands the run to the `failure-classifier` agent, when a plugin
 * registered one, and sets `result.classifications` — when something failed, or when a
 * test that failed last time passed now (the agent learns what resolved it). A green run
 * with nothing to learn starts no worker. Classification is advice, so an agent or pool
 * that fails adds a notice and never fails the run.
 */
export async function classifyFailures(k: KernelInternals, result: RunResult, signal?: AbortSignal): Promise<void> {
  if (!k.agents || !k.registry.list('agents').some((a) => a.id === CLASSIFIER) || !(hasFailures(result) || resolvesFailure(k, result))) return;
  try {
    const out = await k.agents.run<FailureClassification[]>(CLASSIFIER, { result, root: k.cwd }, signal ? { signal } : {});
    if (!Array.isArray(out)) throw new Error(`it returned ${typeof out} instead of a list of classifications`);
    if (out.length > 0) result.classifications = out;
  } catch (error) {
    result.notices = [...(result.notices ?? []), `Failures are not classified: the ${CLASSIFIER} agent failed (${errorMessage(error)}).`];
  }
}

function hasFailures(result: RunResult): boolean {
  return result.files.some((f) => f.error !== undefined || f.tests.some((t) => t.status === 'failed'));
}

/** A test that passed in this run after failing in the one before (history is written as files finish). */
function resolvesFailure(k: KernelInternals, result: RunResult): boolean {
  const history = k.store.db<TestOutcome[]>('history');
  return result.files.some((f) => f.status !== 'cached' && f.tests.some((t) => t.status === 'passed' && history.get(testKey(t.id))?.at(-2)?.status === 'failed'));
}
