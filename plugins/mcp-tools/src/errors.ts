import { AqeError, type ErrorCode } from '@aqe/kernel';

/** A tool call the server refuses: unknown tool or input that does not match the tool's schema. */
export class McpToolError extends AqeError {
  /** The tool's name as the client sent it. */
  readonly tool: string;
  constructor(code: ErrorCode, tool: string, message: string, fix: string) {
    super(code, `tool "${tool}": ${message}`, fix);
    this.name = 'McpToolError';
    this.tool = tool;
  }
}
