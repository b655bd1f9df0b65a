import type { Readable, Writable } from 'node:stream';
import type { Kernel } from '@aqe/kernel';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { callTool } from './call-tool.js';
import { InputValidator } from './input-validator.js';
import { servedTools } from './served-tools.js';

export interface ServeMcpOptions {
  kernel: Kernel;
  /** Where requests arrive (the CLI: process.stdin); the server stops when it ends. */
  stdin: Readable;
  /** Where responses go (the CLI: process.stdout): nothing but protocol is written to it. */
  stdout: Writable;
  /** Reported to clients as the server's version; the kernel's by default. */
  version?: string;
  /** Aborting stops the server as if stdin had ended (e.g. on SIGTERM). */
  signal?: AbortSignal;
  /** Transport and protocol errors, for a log on stderr. */
  onError?(error: Error): void;
}

const INSTRUCTIONS =
  'aqe runs and analyses the JavaScript/TypeScript tests of the project it was started in. Paths are relative to the project root. Use aqe_run for test results (ai schema: failures, suggested actions); it reports progress and stops when cancelled.';

/**
 * Serves the kernel's MCP tools over stdio (newline-delimited JSON-RPC) until stdin
 * ends or `signal` aborts. Calls still running then are aborted and awaited, so a test
 * run's framework processes are stopped before this resolves.
 */
export async function serveMcp(options: ServeMcpOptions): Promise<void> {
  const { kernel } = options;
  const tools = servedTools(kernel);
  const validator = new InputValidator();
  const shutdown = new AbortController();
  const running = new Set<Promise<unknown>>();
  const server = new Server({ name: 'aqe', version: options.version ?? kernel.version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((t) => ({ name: t.id, description: t.description, inputSchema: t.inputSchema as { type: 'object' } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const tool = tools.find((t) => t.id === request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `AQE_MCP_TOOL_UNKNOWN: no tool named "${request.params.name}". Call one of: ${tools.map((t) => t.id).join(', ')}`);
    const call = callTool(tool, request.params.arguments ?? {}, {
      kernel,
      validator,
      signal: AbortSignal.any([extra.signal, shutdown.signal]),
      progressToken: request.params._meta?.progressToken,
      notify: (n) => extra.sendNotification(n),
    });
    running.add(call);
    return call.finally(() => running.delete(call));
  });
  if (options.onError) server.onerror = options.onError;

  const transport = new StdioServerTransport(options.stdin, options.stdout);
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    options.stdin.once('end', stop);
    options.stdin.once('close', stop);
    options.signal?.addEventListener('abort', stop, { once: true });
    if (options.signal?.aborted) stop();
  });
  await server.connect(transport);
  await stopped;
  shutdown.abort();
  await Promise.allSettled(running);
  await server.close();
}
