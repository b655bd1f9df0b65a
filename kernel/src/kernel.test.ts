import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKernel } from './kernel.js';
import { definePlugin } from './plugin-host/define-plugin.js';
import { pluginPackage, silentLogger, tempProject, under } from './test-support/temp-project.js';
import type { Kernel, PluginDefinition, PluginInput } from './types/index.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function kernelWith(plugins: PluginDefinition<any>[], extra: { config?: object; files?: Record<string, string | object>; strict?: boolean } = {}): Promise<Kernel> {
  const project = tempProject(extra.files ?? {});
  cleanups.push(project.cleanup);
  const inputs: PluginInput[] = plugins.map((plugin) => ({ plugin }));
  const kernel = await createKernel({ cwd: project.dir, plugins: inputs, config: { hookTimeoutMs: 100, ...extra.config }, logger: silentLogger, ...(extra.strict === undefined ? {} : { strict: extra.strict }) });
  cleanups.push(() => kernel.dispose());
  return kernel;
}

const plugin = (name: string, rest: Partial<PluginDefinition> = {}) => definePlugin({ name, version: '1.0.0', apiVersion: '^1', setup() {}, ...rest });
const formatter = (id: string) => ({ id, kinds: ['config' as const], render: () => id });
const byName = (k: Kernel) => Object.fromEntries(k.plugins().map((p) => [p.name, p]));

describe('createKernel', () => {
  it('works with no plugins at all', async () => {
    const k = await kernelWith([]);
    expect(k.plugins()).toEqual([]);
    expect(k.registry.list('runners')).toEqual([]);
  });

  it('with memoryStore, reads and writes no store on disk, and says why agents cannot run', async () => {
    const project = tempProject({});
    cleanups.push(project.cleanup);
    const k = await createKernel({
      cwd: project.dir,
      memoryStore: true,
      logger: silentLogger,
      agentPool: async () => ({ run: async () => 'ran', destroy: async () => {} }) as never,
      plugins: [{ plugin: plugin('agent', { setup: (ctx) => ctx.agents.add({ id: 'echo', module: 'file:///nowhere.js', version: '1.0.0' }) }) }],
    });
    cleanups.push(() => k.dispose());
    await k.store.db('meta').put('k', 1);
    expect(k.store.db('meta').get('k')).toBe(1);
    await expect(k.agents.run('echo', {})).rejects.toMatchObject({ code: 'AQE_AGENT_POOL_MISSING', message: expect.stringContaining('keeps its store in memory') });
    await k.dispose();
    expect(existsSync(join(project.dir, '.aqe'))).toBe(false);
  });

  it('registers capabilities into the typed registry with their owner', async () => {
    const k = await kernelWith([plugin('fmt', { setup: (ctx) => ctx.formatters.add(formatter('plain')) })]);
    expect(k.registry.get('formatters', 'plain')?.render({ kind: 'config', data: {} }, { interactive: false })).toBe('plain');
    expect(k.registry.owner('formatters', 'plain')).toBe('fmt');
    expect(byName(k).fmt).toMatchObject({ status: 'active', source: 'builtin', capabilities: [{ kind: 'formatters', id: 'plain' }] });
  });

  it('runs hooks pre → given order → post', async () => {
    const calls: string[] = [];
    const sub = (name: string, enforce?: 'pre' | 'post') => plugin(name, { ...(enforce ? { enforce } : {}), setup: (ctx) => ctx.on('run:before', () => void calls.push(name)) });
    const k = await kernelWith([sub('a'), sub('z', 'post'), sub('b'), sub('p', 'pre')]);
    const report = await k.callHook('run:before', { files: [] });
    expect(calls).toEqual(['p', 'a', 'b', 'z']);
    expect(report.successes).toEqual(['p', 'a', 'b', 'z']);
  });

  it('isolates a plugin whose setup throws and goes on', async () => {
    const k = await kernelWith([
      plugin('bad', {
        setup: () => {
          throw new Error('boom');
        },
      }),
      plugin('good', { setup: (ctx) => ctx.formatters.add(formatter('g')) }),
    ]);
    expect(byName(k).bad).toMatchObject({ status: 'failed', problems: [{ code: 'AQE_PLUGIN_SETUP_FAILED', field: 'setup' }] });
    expect(byName(k).bad?.problems[0]?.message).toContain('boom');
    expect(byName(k).good?.status).toBe('active');
  });

  it('drops what a failed setup registered', async () => {
    const k = await kernelWith([
      plugin('half', {
        setup: (ctx) => {
          ctx.formatters.add(formatter('h'));
          throw new Error('late');
        },
      }),
    ]);
    expect(k.registry.get('formatters', 'h')).toBeUndefined();
  });

  it('times out a hanging setup', async () => {
    const k = await kernelWith([plugin('slow', { setup: () => new Promise(() => {}) })]);
    expect(byName(k).slow?.problems[0]?.code).toBe('AQE_PLUGIN_SETUP_TIMEOUT');
  });

  it('times out and isolates a hanging hook, other plugins still run', async () => {
    const seen: string[] = [];
    const k = await kernelWith([plugin('hang', { setup: (ctx) => ctx.on('run:before', () => new Promise(() => {})) }), plugin('ok', { setup: (ctx) => ctx.on('run:before', () => void seen.push('ok')) })]);
    const first = await k.callHook('run:before', { files: [] });
    expect(first.failures).toEqual([expect.objectContaining({ plugin: 'hang', code: 'AQE_PLUGIN_HOOK_TIMEOUT' })]);
    const second = await k.callHook('run:before', { files: [] });
    expect(second.failures).toEqual([]);
    expect(seen).toEqual(['ok', 'ok']);
    expect(byName(k).hang?.status).toBe('failed');
  });

  it('reports a throwing kernel:ready hook during start-up', async () => {
    const k = await kernelWith([
      plugin('ready', {
        setup: (ctx) =>
          ctx.on('kernel:ready', () => {
            throw new Error('nope');
          }),
      }),
    ]);
    expect(byName(k).ready).toMatchObject({ status: 'failed', problems: [{ code: 'AQE_PLUGIN_HOOK_FAILED', field: 'hooks.kernel:ready' }] });
  });

  it('rejects duplicate capability ids and duplicate names', async () => {
    const k = await kernelWith([plugin('first', { setup: (ctx) => ctx.formatters.add(formatter('same')) }), plugin('second', { setup: (ctx) => ctx.formatters.add(formatter('same')) }), plugin('first')]);
    const plugins = k.plugins();
    expect(plugins[1]).toMatchObject({ name: 'second', status: 'failed', problems: [{ code: 'AQE_PLUGIN_DUPLICATE_CAPABILITY', field: 'formatters.same' }] });
    expect(plugins[2]).toMatchObject({ name: 'first', status: 'invalid', problems: [{ code: 'AQE_PLUGIN_DUPLICATE_NAME' }] });
    expect(k.registry.owner('formatters', 'same')).toBe('first');
  });

  it('hands a preset plugin named in config the options given there', async () => {
    let seen: unknown;
    const k = await kernelWith(
      [
        plugin('@aqe/configurable', {
          setup: (ctx) => {
            seen = ctx.options;
          },
        }),
      ],
      { config: { plugins: [['@aqe/configurable', { url: 'redis://x' }]] } },
    );
    expect(seen).toEqual({ url: 'redis://x' });
    expect(k.plugins().map((p) => [p.name, p.status])).toEqual([['@aqe/configurable', 'active']]);
  });

  it('rejects unknown hooks and malformed capabilities', async () => {
    const k = await kernelWith([plugin('hooky', { setup: (ctx) => ctx.on('run:later' as never, () => {}) }), plugin('shape', { setup: (ctx) => ctx.runners.add({ id: 'r' } as never) })]);
    expect(byName(k).hooky?.problems[0]?.code).toBe('AQE_PLUGIN_UNKNOWN_HOOK');
    expect(byName(k).shape?.problems[0]).toMatchObject({ code: 'AQE_PLUGIN_CAPABILITY_INVALID', field: 'runners.r.detect' });
  });

  it('makes the first problem fatal when strict', async () => {
    await expect(kernelWith([plugin('bad', { apiVersion: '^9' })], { strict: true })).rejects.toMatchObject({ code: 'AQE_PLUGIN_API_MISMATCH', plugin: 'bad', field: 'apiVersion' });
    await expect(
      kernelWith(
        [
          plugin('throws', {
            setup: () => {
              throw new Error('x');
            },
          }),
        ],
        { config: { strict: true } },
      ),
    ).rejects.toMatchObject({ code: 'AQE_PLUGIN_SETUP_FAILED' });
  });

  it('loads config plugins by path and package name with options, in config order', async () => {
    const order: string[] = [];
    (globalThis as Record<string, unknown>).__aqeOrder = order;
    const body = (name: string) => `export default { name: '${name}', version: '1.0.0', apiVersion: '^1', setup(ctx) { globalThis.__aqeOrder.push('${name}:' + JSON.stringify(ctx.options)); } };`;
    const k = await kernelWith([], {
      config: { plugins: [['./local-plugin', { level: 3 }], 'pkg-plugin'], discoverInstalled: false },
      files: { ...under('local-plugin', pluginPackage('local', body('local'))), ...under('node_modules/pkg-plugin', pluginPackage('pkg-plugin', body('pkg-plugin'))) },
    });
    expect(order).toEqual(['local:{"level":3}', 'pkg-plugin:{}']);
    expect(k.plugins().map((p) => [p.name, p.source, p.from])).toEqual([
      ['local', 'config', 'local-plugin'],
      ['pkg-plugin', 'config', 'pkg-plugin'],
    ]);
  });

  it('discovers installed packages with an "aqe" manifest among the declared dependencies, and reports broken ones', async () => {
    const k = await kernelWith([], {
      files: {
        // aqe-transitive is installed (some dependency needs it) but not declared: not loaded.
        'package.json': { name: 'app', dependencies: { '@acme/aqe-good': '1', 'not-a-plugin': '1', 'aqe-missing': '1' }, devDependencies: { 'aqe-future': '1' }, optionalDependencies: { 'aqe-broken': '1' } },
        ...under('node_modules/aqe-transitive', pluginPackage('aqe-transitive', "export default { name: 'aqe-transitive', version: '1.0.0', apiVersion: '^1', setup() {} };")),
        ...under('node_modules/@acme/aqe-good', pluginPackage('@acme/aqe-good', "export default { name: '@acme/aqe-good', version: '1.0.0', apiVersion: '^1', setup() {} };")),
        ...under('node_modules/aqe-future', pluginPackage('aqe-future', 'export default {};', { apiVersion: '^2' })),
        ...under('node_modules/not-a-plugin', { 'package.json': { name: 'not-a-plugin' } }),
        ...under('node_modules/aqe-broken', pluginPackage('aqe-broken', 'export default {{;')),
      },
    });
    expect(k.plugins().map((p) => [p.name, p.source, p.status, p.problems[0]?.code])).toEqual([
      ['@acme/aqe-good', 'installed', 'active', undefined],
      ['aqe-broken', 'installed', 'invalid', 'AQE_PLUGIN_LOAD_FAILED'],
      ['aqe-future', 'installed', 'invalid', 'AQE_PLUGIN_API_MISMATCH'],
    ]);
  });

  it('caches the installed-plugin scan until package.json or the lockfile changes', async () => {
    const project = tempProject({
      'package.json': { name: 'app', devDependencies: { 'aqe-one': '1', 'aqe-two': '1' } },
      ...under('node_modules/aqe-one', pluginPackage('aqe-one', "export default { name: 'aqe-one', version: '1.0.0', apiVersion: '^1', setup() {} };")),
    });
    cleanups.push(project.cleanup);
    const names = async () => {
      const k = await createKernel({ cwd: project.dir, logger: silentLogger });
      const list = k.plugins().map((p) => p.name);
      await k.dispose();
      return list;
    };
    expect(await names()).toEqual(['aqe-one']);
    project.write(under('node_modules/aqe-two', pluginPackage('aqe-two', "export default { name: 'aqe-two', version: '1.0.0', apiVersion: '^1', setup() {} };")));
    expect(await names()).toEqual(['aqe-one']);
    project.write({ 'package-lock.json': { lockfileVersion: 3, packages: {} } });
    expect(await names()).toEqual(['aqe-one', 'aqe-two']);
  });

  it('reports a config plugin that is not installed', async () => {
    const k = await kernelWith([], { config: { plugins: ['nowhere'] } });
    expect(k.plugins()[0]).toMatchObject({ name: 'nowhere', status: 'invalid', problems: [{ code: 'AQE_PLUGIN_NOT_FOUND' }] });
  });

  it('leaves out disabled plugins', async () => {
    const k = await kernelWith([plugin('keep'), plugin('drop')], { config: { disable: ['drop'] } });
    expect(k.plugins().map((p) => p.name)).toEqual(['keep']);
  });

  it('dispose runs the dispose hook, plugin disposers and dispose() in reverse order, once', async () => {
    const calls: string[] = [];
    const k = await kernelWith([
      plugin('a', {
        setup: (ctx) => {
          ctx.on('dispose', () => void calls.push('hook:a'));
          ctx.onDispose(() => void calls.push('release:a'));
        },
        dispose: () => void calls.push('dispose:a'),
      }),
      plugin('b', {
        setup: (ctx) => ctx.onDispose(() => void calls.push('release:b')),
        dispose: () => {
          throw new Error('ignored');
        },
      }),
    ]);
    await k.dispose();
    await k.dispose();
    expect(calls).toEqual(['hook:a', 'release:b', 'release:a', 'dispose:a']);
    await expect(k.callHook('run:before', { files: [] })).rejects.toMatchObject({ code: 'AQE_KERNEL_DISPOSED' });
  });
});
