import type { McpToolCapability } from '@aqe/kernel';
import { aiResult } from './ai-output.js';

export const discoverTool: McpToolCapability = {
  id: 'aqe_discover',
  description: 'List the test files of every test framework in the project (vitest, jest, playwright, bun, node:test). Returns the aqe ai JSON (outputType "discovery").',
  inputSchema: {
    type: 'object',
    properties: {
      runners: { type: 'array', items: { type: 'string' }, description: 'Only these runner ids; all detected when omitted' },
    },
    additionalProperties: false,
  },
  async handler(input, { kernel, signal }) {
    const runners = input.runners as string[] | undefined;
    const report = await kernel.discover({ signal, ...(runners ? { runners } : {}) });
    return aiResult(kernel, { kind: 'discover', data: report });
  },
};
