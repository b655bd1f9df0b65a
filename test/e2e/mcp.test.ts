import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, repoRoot, Sandbox } from './support/aqe.js';

const bin = join(repoRoot, 'cli/bin/run.js');
const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/schema/ai-output.v1.json'), 'utf8'));
const validateAi = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

let sandbox: Sandbox;
let project: string;
const clients: Client[] = [];

beforeAll(async () => {
  sandbox = await Sandbox.create();
  project = await sandbox.project('run-node');
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => sandbox.remove());

/** The sandbox's environment (same oclif dirs as sandbox.run), as a user's shell would have it. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  const { NODE_ENV: _n, CLAUDECODE: _c, AQE_AI_OUTPUT: _a, FORCE_COLOR: _f, ...rest } = process.env;
  const dirs = { AQE_DATA_DIR: join(sandbox.dir, 'data'), AQE_CACHE_DIR: join(sandbox.dir, 'cache'), AQE_CONFIG_DIR: join(sandbox.dir, 'config'), NO_COLOR: '1' };
  return Object.fromEntries(Object.entries({ ...rest, ...dirs, ...extra }).filter((e): e is [string, string] => e[1] !== undefined));
}

/** An MCP client connected to `aqe mcp --cwd <cwd>`, spawned over stdio as an assistant does. */
async function connect(cwd: string, extraEnv: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'aqe-e2e', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', '--cwd', cwd], env: env(extraEnv), stderr: 'pipe' }));
  clients.push(client);
  return client;
}

const text = (result: CallToolResult) => (result.content[0] as { text: string }).text;

describe('aqe mcp', () => {
  it('lists the built-in tools with JSON-schema inputs, in under 8 KB', async () => {
    const client = await connect(project);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['aqe_discover', 'aqe_run']));
    expect(names.filter((n) => !n.startsWith('aqe_'))).toEqual([]);
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(20);
      expect(tool.inputSchema.type).toBe('object');
    }
    // Assistants pay for every tool's schema in their context window.
    expect(JSON.stringify({ tools }).length).toBeLessThan(8192);
  });

  it('aqe_discover returns the discovery in the ai schema', async () => {
    const client = await connect(project);
    const result = (await client.callTool({ name: 'aqe_discover', arguments: {} })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(validateAi(result.structuredContent), JSON.stringify(validateAi.errors)).toBe(true);
    expect(result.structuredContent).toMatchObject({ outputType: 'discovery' });
    expect(JSON.parse(text(result))).toEqual(result.structuredContent);
  });

  it('aqe_run runs a failing fixture, reports progress per file, and returns schema-valid ai output with each failure classified', async () => {
    const client = await connect(project);
    const progress: Progress[] = [];
    const result = (await client.callTool({ name: 'aqe_run', arguments: { paths: ['test/fail.test.js', 'test/pass.test.js'] } }, undefined, { onprogress: (p) => progress.push(p) })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const ai = result.structuredContent as {
      outputType: string;
      status: string;
      summary: { failed: number };
      data: { failures: { id: string; classification?: { class: string; confidence: number } }[] };
      actionSuggestions: { action: string }[];
    };
    expect(validateAi(ai), JSON.stringify(validateAi.errors)).toBe(true);
    expect(ai).toMatchObject({ outputType: 'test_results', status: 'failure', summary: { failed: 3 } });
    expect(ai.data.failures.map((f) => f.id)).toEqual(['test/fail.test.js > failures > compares numbers', 'test/fail.test.js > failures > compares objects', 'test/fail.test.js > failures > throws']);
    // Classified by the failure-classifier agent in the server's worker pool: assertion failures on
    // first sight are regressions; a bare thrown Error carries no evidence either way.
    expect(ai.data.failures.map((f) => f.classification?.class)).toEqual(['regression', 'regression', 'unknown']);
    expect(ai.actionSuggestions.map((a) => a.action)).toContain('fix_test_failures');
    // The same JSON as text, compact, for clients that show only text to the model.
    expect(text(result)).toBe(JSON.stringify(ai));
    expect(progress.at(-1)).toMatchObject({ progress: 2, total: 2 });
    expect(progress.map((p) => p.message)).toEqual(expect.arrayContaining(['test/fail.test.js failed', 'test/pass.test.js passed']));
  });

  it('answers bad input with a tool error naming the field, and keeps serving', async () => {
    const client = await connect(project);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['aqe_run', { paths: 'test/fail.test.js' }, /input\.paths must be array/],
      ['aqe_run', { path: ['x'] }, /input\.path is not an input of this tool/],
      ['aqe_run', { paths: [1] }, /input\.paths\[0\] must be string/],
      ['aqe_run', { testNamePattern: '(' }, /input\.testNamePattern "\(" is not a valid regular expression/],
      ['aqe_discover', { runners: ['nope'] }, /AQE_RUNNER_UNKNOWN/],
    ];
    for (const [name, args, message] of cases) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      expect(result.isError, name).toBe(true);
      expect(text(result)).toMatch(message);
    }
    expect(text((await client.callTool({ name: 'aqe_run', arguments: { paths: 1 } })) as CallToolResult)).toMatch(/^AQE_MCP_INPUT_INVALID: tool "aqe_run": invalid input/);
    await expect(client.callTool({ name: 'aqe_nope', arguments: {} })).rejects.toThrow(/AQE_MCP_TOOL_UNKNOWN: no tool named "aqe_nope"/);
    const after = (await client.callTool({ name: 'aqe_discover', arguments: {} })) as CallToolResult;
    expect(after.isError).toBeFalsy();
  });

  it('cancelling aqe_run stops the framework process, and the server keeps serving', async () => {
    const cwd = join(sandbox.dir, 'cancel-project');
    await cp(join(fixturesDir, 'run-node'), cwd, { recursive: true });
    const pidFile = join(cwd, 'hang.pid');
    writeFileSync(
      join(cwd, 'test/hang.test.js'),
      `import { writeFileSync } from 'node:fs';\nimport { test } from 'node:test';\ntest('hangs', async () => {\n  writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\n  await new Promise((resolve) => setTimeout(resolve, 600_000));\n});\n`,
    );
    const client = await connect(cwd);
    const controller = new AbortController();
    const watcher = setInterval(() => {
      if (existsSync(pidFile) && readFileSync(pidFile, 'utf8')) controller.abort();
    }, 50);
    const call = client.callTool({ name: 'aqe_run', arguments: { paths: ['test/hang.test.js'] } }, undefined, { signal: controller.signal, timeout: 600_000 });
    await expect(call.finally(() => clearInterval(watcher))).rejects.toThrow(/abort/i);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // The test's own timeout catches a server that ignores the cancellation.
    while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    const after = (await client.callTool({ name: 'aqe_discover', arguments: {} })) as CallToolResult;
    expect(after.structuredContent).toMatchObject({ outputType: 'discovery' });
  });

  it('writes nothing but protocol to stdout and exits 0 when stdin closes', async () => {
    const child = spawn(process.execPath, [bin, 'mcp', '--cwd', project], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } })}\n`);
    child.stdin.end();
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([{ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'aqe' } } }]);
  });

  it("serves a third-party plugin's tool once it is linked", async () => {
    const linked = await sandbox.run(['plugins', 'link', join(fixturesDir, 'mcp-example-plugin'), '--no-install'], project);
    expect(linked.code).toBe(0);
    const client = await connect(project);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('quality_scan_changed');
    writeFileSync(join(project, 'test/leftover.test.js'), "import { it } from 'node:test';\nit.only('focused', () => {\n  console.log('here');\n  debugger;\n});\n");
    const result = (await client.callTool({ name: 'quality_scan_changed', arguments: { paths: ['test/leftover.test.js', 'test/pass.test.js'] } })) as CallToolResult;
    expect(result.structuredContent).toEqual({
      scanned: 2,
      findings: [
        { file: 'test/leftover.test.js', line: 2, rule: 'no-focused-test', text: "it.only('focused', () => {" },
        { file: 'test/leftover.test.js', line: 3, rule: 'no-console-log', text: "console.log('here');" },
        { file: 'test/leftover.test.js', line: 4, rule: 'no-debugger', text: 'debugger;' },
      ],
    });
    const bad = (await client.callTool({ name: 'quality_scan_changed', arguments: { paths: 'x' } })) as CallToolResult;
    expect(bad).toMatchObject({ isError: true });
    expect(text(bad)).toMatch(/input\.paths must be array/);
    expect((await sandbox.run(['plugins', 'uninstall', 'aqe-plugin-quality-scan'], project)).code).toBe(0);
  });
});

describe('aqe mcp with the core agents', () => {
  let cwd: string;
  let flakyDir: string;
  beforeAll(async () => {
    cwd = join(sandbox.dir, 'agents-project');
    await cp(join(fixturesDir, 'run-node'), cwd, { recursive: true });
    // Named in config, resolved from the repository: the agents' plugin as a project adds it.
    symlinkSync(join(repoRoot, 'node_modules'), join(cwd, 'node_modules'), 'dir');
    writeFileSync(join(cwd, 'aqe.config.json'), JSON.stringify({ plugins: ['@aqe/agents-core'] }));
    flakyDir = join(sandbox.dir, 'flaky-marker');
    mkdirSync(flakyDir);
  });

  const call = async (client: Client, name: string, args: Record<string, unknown>) => {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    expect(result.isError, `${name}: ${text(result)}`).toBeFalsy();
    return result.structuredContent as Record<string, any>;
  };

  it('serves every built-in tool, sorted, in under 8 KB', async () => {
    const client = await connect(cwd);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['aqe_classify_failure', 'aqe_discover', 'aqe_flaky_report', 'aqe_patterns_query', 'aqe_run']);
    expect(JSON.stringify({ tools }).length).toBeLessThan(8192);
  });

  it('classifies aqe_run failures into the pattern bank, queries it, and classifies one failure', async () => {
    const client = await connect(cwd);
    const run = await call(client, 'aqe_run', { paths: ['test/fail.test.js'] });
    expect(validateAi(run), JSON.stringify(validateAi.errors)).toBe(true);
    const { patterns } = await call(client, 'aqe_patterns_query', { text: 'Expected values to be strictly equal:\n\n2 !== 3' });
    expect(patterns[0]).toMatchObject({ errorType: 'AssertionError', template: 'Expected values to be strictly equal: <n> !== <n>', occurrences: 1 });
    const { classifications } = await call(client, 'aqe_classify_failure', { file: 'test/fail.test.js', titlePath: ['failures', 'throws'], message: 'something broke' });
    expect(classifications).toEqual([
      expect.objectContaining({ testId: 'test/fail.test.js > failures > throws', file: 'test/fail.test.js', class: expect.stringMatching(/^(regression|flaky|environment|snapshot|unknown)$/), action: expect.any(String) }),
    ]);
  });

  it('reports a test that failed and then passed on the same code as a flaky suspect', async () => {
    const client = await connect(cwd, { AQE_FLAKY_DIR: flakyDir });
    expect((await call(client, 'aqe_run', { paths: ['test/flaky.test.js'] })).status).toBe('failure');
    expect((await call(client, 'aqe_run', { paths: ['test/flaky.test.js'] })).status).toBe('success');
    const { suspects } = await call(client, 'aqe_flaky_report', { files: ['test/flaky.test.js'] });
    expect(suspects).toEqual([expect.objectContaining({ testId: 'test/flaky.test.js > passes on the second attempt', flips: 1 })]);
  });

  it('answers bad input to an agent tool with a tool error naming the field', async () => {
    const client = await connect(cwd);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['aqe_flaky_report', { limit: 0 }, /input\.limit must be >= 1/],
      ['aqe_classify_failure', { file: 'a.test.js' }, /input must have required property 'message'/],
      ['aqe_patterns_query', { class: 'weird' }, /input\.class must be equal to one of the allowed values/],
    ];
    for (const [name, args, message] of cases) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      expect(result.isError, name).toBe(true);
      expect(text(result)).toMatch(message);
    }
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
