import { defineAgent } from '@aqe/workers/agent';
import { type PatternQueryInput, type PatternView, queryPatterns } from '../patterns/query.js';

/** Lists the pattern bank, or the signatures nearest a failure text (MCP `aqe_patterns_query`). */
export default defineAgent<PatternQueryInput, { patterns: PatternView[] }>({
  name: 'pattern-query',
  version: '0.1.0',
  run: (input, ctx) => queryPatterns(ctx.store, input ?? {}),
});
