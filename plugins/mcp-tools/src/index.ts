import type { ServeMcpOptions } from './serve.js';

export { McpToolError } from './errors.js';
export { default } from './plugin.js';
export type { ServeMcpOptions } from './serve.js';
export { servedTools } from './served-tools.js';

/**
 * Serves the kernel's MCP tools over stdio until stdin ends (see serve.ts). The SDK is
 * loaded here, on first use: every aqe command loads this plugin, only `aqe mcp` serves.
 */
export async function serveMcp(options: ServeMcpOptions): Promise<void> {
  return (await import('./serve.js')).serveMcp(options);
}
