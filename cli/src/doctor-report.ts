import type { DoctorReport, Kernel } from '@aqe/kernel';
import { relative } from 'node:path';
import { satisfies } from 'semver';

/**
 * What `aqe doctor` checks: the Node version against the CLI's engines range, the store,
 * every plugin with its problems, and the frameworks the registered runners detect.
 */
export async function doctorReport(kernel: Kernel, requiredNode: string): Promise<DoctorReport> {
  const node = { version: process.version, required: requiredNode, ok: satisfies(process.version, requiredNode) };
  const health = kernel.store.health();
  const store = {
    path: relative(kernel.cwd, health.path) || '.',
    ok: health.ok,
    drops: health.drops.length,
    ...(health.recovered ? { recovered: `moved to ${health.recovered.movedTo}: ${health.recovered.reason}` } : {}),
  };
  const plugins = kernel.plugins();
  const frameworks = await kernel.detect();
  return { node, store, plugins, frameworks, ok: node.ok && store.ok && plugins.every((p) => p.status === 'active') && frameworks.every((f) => !f.problem) };
}
