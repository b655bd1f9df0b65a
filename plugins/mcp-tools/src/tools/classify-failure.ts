import type { FailureClassification, McpToolCapability, RunResult, TestFileResult } from '@aqe/kernel';
import { runAgent } from './run-agent.js';

interface ClassifyInput {
  file: string;
  titlePath?: string[];
  message: string;
  stack?: string;
}

export const classifyFailureTool: McpToolCapability = {
  id: 'aqe_classify_failure',
  description: 'Classify one test failure (regression, flaky, environment, snapshot, unknown) against the learned pattern bank and run history, with confidence, reason and best action. Returns { classifications }.',
  agents: ['failure-classifier'],
  inputSchema: {
    type: 'object',
    properties: {
      file: { type: 'string', description: 'Test file relative to the project root' },
      titlePath: { type: 'array', items: { type: 'string' }, description: 'describe blocks and test name; omit for an error outside any test' },
      message: { type: 'string', description: 'The error message' },
      stack: { type: 'string' },
    },
    required: ['file', 'message'],
    additionalProperties: false,
  },
  async handler(input, ctx) {
    const classifications = await runAgent<FailureClassification[]>('failure-classifier', { result: oneFailure(input as unknown as ClassifyInput), root: ctx.kernel.cwd }, ctx);
    return { structuredContent: { classifications } };
  },
};

/** The failure as a run of one file, the shape the classifier reads from `aqe run`. */
export function oneFailure({ file, titlePath = [], message, stack }: ClassifyInput): RunResult {
  const error = stack === undefined ? { message } : { message, stack };
  const inTest = titlePath.length > 0;
  const result: TestFileResult = {
    file,
    runner: 'unknown',
    status: 'failed',
    durationMs: 0,
    tests: inTest ? [{ id: [file, ...titlePath].join(' > '), file, titlePath, status: 'failed', durationMs: 0, retries: 0, error }] : [],
    ...(inTest ? {} : { error }),
  };
  return { files: [result], summary: { files: 1, tests: inTest ? 1 : 0, passed: 0, failed: inTest ? 1 : 0, skipped: 0, todo: 0, durationMs: 0 } };
}
