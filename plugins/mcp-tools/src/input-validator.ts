import { ErrorCodes, type McpToolCapability } from '@aqe/kernel';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { McpToolError } from './errors.js';

type Check = (input: unknown) => { valid: boolean; errorMessage?: string | undefined };

/**
 * Checks tool input against each tool's JSON schema with the SDK's own Ajv provider:
 * the engine the SDK's client uses for output schemas, and no second copy of Ajv to
 * declare. Schemas compile once per tool.
 */
export class InputValidator {
  private readonly ajv = new AjvJsonSchemaValidator();
  private readonly checks = new Map<string, Check>();

  /** Throws AQE_MCP_INPUT_INVALID naming every offending field (`input.limit must be integer`). */
  assertValid(tool: McpToolCapability, input: Record<string, unknown>): void {
    const problems = [...unknownKeys(tool, input), ...this.schemaProblems(tool, input)];
    if (problems.length === 0) return;
    throw new McpToolError(ErrorCodes.MCP_INPUT_INVALID, tool.id, `invalid input: ${problems.join('; ')}`, "Send arguments that match the tool's inputSchema (tools/list shows it)");
  }

  private schemaProblems(tool: McpToolCapability, input: Record<string, unknown>): string[] {
    let check = this.checks.get(tool.id);
    if (!check) {
      check = this.ajv.getValidator(tool.inputSchema as JsonSchemaType);
      this.checks.set(tool.id, check);
    }
    const result = check(input);
    if (result.valid) return [];
    return (
      (result.errorMessage ?? 'does not match the schema')
        .split(', data')
        .map((part, i) => (i === 0 ? part : `data${part}`))
        // Ajv's text does not name an unexpected key; unknownKeys() does, for the top level.
        .filter((part) => !(part === 'data must NOT have additional properties'))
        .map(namePath)
    );
  }
}

/** `data/paths/0 must be string` → `input.paths[0] must be string`. */
function namePath(message: string): string {
  return message.replace(
    /^data((?:\/[^\s/]+)*)/,
    (_, path: string) =>
      `input${path
        .split('/')
        .filter(Boolean)
        .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`))
        .join('')}`,
  );
}

function unknownKeys(tool: McpToolCapability, input: Record<string, unknown>): string[] {
  const schema = tool.inputSchema as { additionalProperties?: unknown; properties?: Record<string, unknown> };
  if (schema.additionalProperties !== false) return [];
  const known = Object.keys(schema.properties ?? {}).sort();
  return Object.keys(input)
    .filter((key) => !known.includes(key))
    .sort()
    .map((key) => `input.${key} is not an input of this tool (known: ${known.join(', ') || 'none'})`);
}
