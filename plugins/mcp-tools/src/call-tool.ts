import type { Kernel, McpToolCapability } from '@aqe/kernel';
import type { CallToolResult, ProgressToken, ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import type { InputValidator } from './input-validator.js';

export interface CallContext {
  kernel: Kernel;
  validator: InputValidator;
  signal: AbortSignal;
  /** Present when the client asked for progress notifications. */
  progressToken: ProgressToken | undefined;
  notify(notification: ServerNotification): Promise<void>;
}

/**
 * One tools/call: validate, run the handler, shape the result. Any failure (bad input,
 * a tool that throws) becomes a tool error (`isError`) with the code and message, so the
 * assistant can correct itself and the server keeps serving.
 */
export async function callTool(tool: McpToolCapability, input: Record<string, unknown>, ctx: CallContext): Promise<CallToolResult> {
  try {
    ctx.validator.assertValid(tool, input);
    const result = await tool.handler(input, { signal: ctx.signal, kernel: ctx.kernel, progress: progressReporter(ctx) });
    return { content: [{ type: 'text', text: result.text ?? JSON.stringify(result.structuredContent) }], structuredContent: result.structuredContent };
  } catch (error) {
    return { isError: true, content: [{ type: 'text', text: describe(error) }] };
  }
}

function progressReporter(ctx: CallContext): (done: number, total?: number, message?: string) => void {
  const token = ctx.progressToken;
  if (token === undefined) return () => {};
  return (progress, total, message) => {
    const params = { progressToken: token, progress, ...(total === undefined ? {} : { total }), ...(message === undefined ? {} : { message }) };
    // A notification that cannot be sent (the client went away) must not fail the call.
    ctx.notify({ method: 'notifications/progress', params }).catch(() => {});
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('AQE_') ? `${code}: ${error.message}` : error.message;
}
