import { ErrorCodes, type McpToolCapability, type RunTestsOptions } from '@aqe/kernel';
import { McpToolError } from '../errors.js';
import { aiResult } from './ai-output.js';

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
    // kernel.run validates the options and classifies the failures, as for every front end.
    const result = await kernel.run(options).catch((error: unknown) => {
      throw asInputError(error);
    });
    return aiResult(kernel, { kind: 'run', data: result });
  },
};

/** A run option the kernel rejects is this tool's input at fault: name it as the tool's input. */
function asInputError(error: unknown): unknown {
  const e = error as { code?: string; reason?: string; fix?: string };
  if (e?.code !== ErrorCodes.RUN_OPTIONS_INVALID || e.reason === undefined) return error;
  return new McpToolError(ErrorCodes.MCP_INPUT_INVALID, 'aqe_run', `input.${e.reason}`, e.fix ?? '');
}
