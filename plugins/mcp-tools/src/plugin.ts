import { definePlugin } from '@aqe/kernel';
import { classifyFailureTool } from './tools/classify-failure.js';
import { discoverTool } from './tools/discover.js';
import { flakyReportTool } from './tools/flaky-report.js';
import { patternsQueryTool } from './tools/patterns-query.js';
import { runTool } from './tools/run.js';

/**
 * The built-in MCP tools. Agent-backed tools declare their agents: `aqe mcp` serves them
 * only where those agents are registered, so a client never sees a tool that cannot work.
 */
export default definePlugin({
  name: '@aqe/mcp-tools',
  version: '0.1.0',
  apiVersion: '^1',
  setup(ctx) {
    for (const tool of [discoverTool, runTool, flakyReportTool, classifyFailureTool, patternsQueryTool]) ctx.mcpTools.add(tool);
  },
});
