import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createKernel, definePlugin, type Kernel, type McpToolCapability } from '@aqe/kernel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveMcp } from './index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const schema = { type: 'object', properties: { n: { type: 'integer' } }, additionalProperties: false };
const tool = (id: string, extra: Partial<McpToolCapability> = {}): McpToolCapability => ({
  id,
  description: `tool ${id}`,
  inputSchema: schema,
  handler: async (input) => ({ structuredContent: { echo: input } }),
  ...extra,
});

let dir: string;
let kernel: Kernel;
let stdin: PassThrough;
let served: Promise<void>;
let lines: AsyncIterator<string>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aqe-mcp-'));
  const tools = [
    tool('b_echo'),
    tool('a_needs_agent', { agents: ['not-registered'] }),
    tool('c_throws', { handler: async () => Promise.reject(new Error('the tool broke')) }),
    tool('d_waits', { handler: (_input, { signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))) }),
  ];
  const plugin = definePlugin({
    name: 'test-tools',
    version: '1.0.0',
    apiVersion: '^1',
    setup(ctx) {
      for (const t of tools) ctx.mcpTools.add(t);
    },
  });
  kernel = await createKernel({ cwd: dir, plugins: [{ plugin }], logger: silent });
  stdin = new PassThrough();
  const stdout = new PassThrough();
  served = serveMcp({ kernel, stdin, stdout });
  lines = readLines(stdout);
  await request(0, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '0' } });
});
afterEach(async () => {
  stdin.end();
  await served;
  await kernel.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function* readLines(stream: PassThrough): AsyncGenerator<string> {
  let buffer = '';
  for await (const chunk of stream) {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      yield buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
    }
  }
}

async function request(id: number, method: string, params: object): Promise<any> {
  stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
  return JSON.parse((await lines.next()).value as string);
}

describe('serveMcp', () => {
  it("lists the registry's tools sorted by name, leaving out those whose agents are missing", async () => {
    const { result } = await request(1, 'tools/list', {});
    expect(result.tools.map((t: { name: string }) => t.name)).toEqual(['b_echo', 'c_throws', 'd_waits']);
    expect(result.tools[0]).toEqual({ name: 'b_echo', description: 'tool b_echo', inputSchema: schema });
  });

  it('calls a tool with validated input and returns structured content plus the same JSON as text', async () => {
    const { result } = await request(1, 'tools/call', { name: 'b_echo', arguments: { n: 3 } });
    expect(result).toEqual({ structuredContent: { echo: { n: 3 } }, content: [{ type: 'text', text: '{"echo":{"n":3}}' }] });
  });

  it.each([
    [{ n: 'x' }, 'input.n must be integer'],
    [{ m: 1 }, 'input.m is not an input of this tool (known: n)'],
  ])('answers input %j with a tool error naming the field', async (args, message) => {
    const { result } = await request(1, 'tools/call', { name: 'b_echo', arguments: args });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toContain(`AQE_MCP_INPUT_INVALID: tool "b_echo": invalid input: ${message}`);
  });

  it('turns a throwing tool into a tool error and an unknown tool into a protocol error', async () => {
    expect((await request(1, 'tools/call', { name: 'c_throws', arguments: {} })).result).toEqual({ isError: true, content: [{ type: 'text', text: 'the tool broke' }] });
    const unknown = await request(2, 'tools/call', { name: 'a_needs_agent', arguments: {} });
    expect(unknown.error.message).toContain('AQE_MCP_TOOL_UNKNOWN: no tool named "a_needs_agent". Call one of: b_echo, c_throws, d_waits');
  });

  it('aborts running calls and resolves when stdin ends', async () => {
    stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'd_waits', arguments: {} } })}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    stdin.end();
    await expect(served).resolves.toBeUndefined();
  });
});
