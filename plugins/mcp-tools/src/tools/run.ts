import { ErrorCodes, type FailureClassification, type Kernel, type McpToolCapability, type RunResult, type RunTestsOptions } from '@aqe/kernel';
import { McpToolError } from '../errors.js';
import { aiResult } from './ai-output.js';

const CLASSIFIER = 'failure-classifier';

interface RunInput {
  paths?: string[];
  testNamePattern?: string;
  runners?: string[];
  bail?: boolean;
}

export const runTool: McpToolCapability = {
  id: 'aqe_run',
  description:
    'Run tests through their own framework and return the aqe ai JSON (outputType "test_results"): summary, failures with message/expected/actual/location, failure classifications, suggested actions with exact commands. Reports progress per file; cancel to stop the run.',
  inputSchema: {
    type: 'object',
    properties: {
      paths: { type: 'array', items: { type: 'string' }, description: 'Test files or directories relative to the project root; all tests when omitted' },
      testNamePattern: { type: 'string', description: 'Only tests whose full name matches this regex' },
      runners: { type: 'array', items: { type: 'string' }, description: 'Only these runner ids' },
      bail: { type: 'boolean', description: 'Stop after the first failing file' },
    },
    additionalProperties: false,
  },
  async handler(raw, { kernel, signal, progress }) {
    const input = raw as RunInput;
    if (input.testNamePattern !== undefined) assertRegExp(input.testNamePattern);
    let total = 0;
    let done = 0;
    const options: RunTestsOptions = {
      paths: input.paths ?? [],
      signal,
      onRunStart: (files) => {
        total = files;
        progress(0, total, `running ${files} test files`);
      },
      onFileResult: (result) => {
        done += 1;
        progress(done, total, `${result.file} ${result.status}`);
      },
    };
    if (input.testNamePattern !== undefined) options.testNamePattern = input.testNamePattern;
    if (input.runners) options.runners = input.runners;
    if (input.bail) options.bail = true;
    const result = await kernel.run(options);
    if (!signal.aborted) await classify(kernel, result, signal);
    return aiResult(kernel, { kind: 'run', data: result });
  },
};

/**
 * Classifies the failures when the run did not already and the classifier is registered.
 * A classifier that fails costs the classifications, not the test results: it is noted.
 */
async function classify(kernel: Kernel, result: RunResult, signal: AbortSignal): Promise<void> {
  const failed = result.files.some((f) => f.status === 'failed');
  if (result.classifications !== undefined || !failed || !kernel.agents.list().includes(CLASSIFIER)) return;
  try {
    const classifications = await kernel.agents.run<FailureClassification[]>(CLASSIFIER, { result, root: kernel.cwd }, { signal });
    result.classifications = [...classifications].sort((a, b) => a.testId.localeCompare(b.testId));
  } catch (error) {
    result.notices = [...(result.notices ?? []), `failures were not classified: ${(error as Error).message}`];
  }
}

function assertRegExp(pattern: string): void {
  try {
    new RegExp(pattern);
  } catch (error) {
    throw new McpToolError(ErrorCodes.MCP_INPUT_INVALID, 'aqe_run', `input.testNamePattern "${pattern}" is not a valid regular expression (${(error as Error).message})`, 'Escape special characters, e.g. "adds 1\\\\+1"');
  }
}
