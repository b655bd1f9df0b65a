import { AqeError, ErrorCodes, type FormatterInput, type Kernel, type McpToolResult } from '@aqe/kernel';

/**
 * Renders through the registered `ai` formatter, so the structured content is exactly what
 * `aqe <command> --format ai` prints (keys sorted); the server sends it compact as text.
 */
export function aiResult(kernel: Kernel, input: FormatterInput): McpToolResult {
  const formatter = kernel.registry.get('formatters', 'ai');
  if (!formatter) throw new AqeError(ErrorCodes.PLUGIN_NOT_FOUND, 'the "ai" formatter is not registered, and this tool answers in its schema', 'Add @aqe/format-ai to the plugins the kernel loads (the aqe CLI loads it by default)');
  return { structuredContent: JSON.parse(formatter.render(input, { interactive: false, cwd: kernel.cwd })) as Record<string, unknown> };
}
