import type { McpToolCapability } from '@aqe/kernel';
import { runAgent } from './run-agent.js';

export const flakyReportTool: McpToolCapability = {
  id: 'aqe_flaky_report',
  description: 'Tests whose outcome flips between runs of the same code, from the recorded run history, most suspicious first. Returns { suspects }.',
  agents: ['flaky-hunter'],
  inputSchema: {
    type: 'object',
    properties: {
      limit: { type: 'integer', minimum: 1, description: 'At most this many suspects' },
      minFlips: { type: 'integer', minimum: 1, description: 'Only tests that flipped at least this often' },
      files: { type: 'array', items: { type: 'string' }, description: 'Only tests in these files' },
    },
    additionalProperties: false,
  },
  handler: async (input, ctx) => runAgent<Record<string, unknown>>('flaky-hunter', input, ctx).then((structuredContent) => ({ structuredContent })),
};
