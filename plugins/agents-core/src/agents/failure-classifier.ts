import type { FailureClassification } from '@aqe/kernel';
import { defineAgent } from '@aqe/workers/agent';
import { type ClassifierInput, classifyRun } from '../patterns/classify-run.js';

/** Classifies a run's failures against the pattern bank and learns from the run (docs/agents-core.md). */
export default defineAgent<ClassifierInput, FailureClassification[]>({
  name: 'failure-classifier',
  version: '0.1.0',
  run: (input, ctx) => classifyRun(ctx.store, input),
});
