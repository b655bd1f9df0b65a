import type { McpToolCapability } from '@aqe/kernel';
import { FAILURE_CLASSES } from './failure-classes.js';
import { runAgent } from './run-agent.js';

export const patternsQueryTool: McpToolCapability = {
  id: 'aqe_patterns_query',
  description: 'Search the learned bank of failure signatures (seen count, class, last test, best action). Returns { patterns }.',
  agents: ['pattern-query'],
  inputSchema: {
    type: 'object',
    properties: {
      text: { type: 'string', description: 'Words or an error message to match' },
      class: { enum: FAILURE_CLASSES, description: 'Only this failure class' },
      limit: { type: 'integer', minimum: 1, description: 'At most this many patterns' },
    },
    additionalProperties: false,
  },
  handler: async (input, ctx) => runAgent<Record<string, unknown>>('pattern-query', input, ctx).then((structuredContent) => ({ structuredContent })),
};
