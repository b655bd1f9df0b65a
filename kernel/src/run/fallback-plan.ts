import type { KernelInternals } from '../discovery/internals.js';
import type { DiscoverReport, RunnerCapability } from '../types/capabilities.js';
import { acceleratedRunner } from './fallback.js';

export interface Acceleration {
  /** The runners to discover: those asked for, plus the runner an accelerator asked for by id may take files from. */
  runners: string[] | undefined;
  /** Drops, from what was discovered, the runners discovered only in case an accelerator needed their files. */
  select(report: DiscoverReport): void;
  /** The capability to run a discovered runner's files with: its accelerated form, or undefined for itself. */
  runnerFor(id: string): RunnerCapability | undefined;
  /** Said once per run, for RunResult.notices. */
  readonly notices: string[];
}

/**
 * Decides which runners' files an accelerator (a runner with `accelerates`) runs: asked for by
 * id (`--runner bun`) when it finds no files of its own, or on every run with `always` unless
 * the accelerated runner is itself asked for by id.
 */
export function planAcceleration(k: KernelInternals, requested: readonly string[] | undefined): Acceleration {
  const runners = k.registry.list('runners');
  const byId = new Map(runners.map((r) => [r.id, r]));
  const accelerators = runners.filter((r) => r.accelerates && r.accelerates.runner !== r.id && byId.has(r.accelerates.runner)).sort((a, b) => a.id.localeCompare(b.id));
  // Accelerators asked for by id whose accelerated runner was not: that runner is discovered on their behalf.
  const asked = requested ? accelerators.filter((r) => requested.includes(r.id) && !requested.includes(r.accelerates!.runner)) : [];
  const extra = asked.map((r) => r.accelerates!.runner).filter((id) => !requested?.includes(id));
  const chosen = new Map<string, RunnerCapability>();
  const notices: string[] = [];
  return {
    runners: requested ? [...new Set([...requested, ...extra])] : undefined,
    select(report) {
      const drop = new Set<string>();
      for (const accelerator of asked) {
        const target = accelerator.accelerates!.runner;
        const own = report.runners.find((e) => e.runner === accelerator.id);
        if (own && (own.files.length > 0 || own.error)) drop.add(target);
        else chosen.set(target, accelerator);
      }
      if (!requested) {
        for (const accelerator of accelerators) {
          const target = accelerator.accelerates!.runner;
          if (accelerator.accelerates!.always && !chosen.has(target)) chosen.set(target, accelerator);
        }
      }
      report.runners = report.runners.filter((e) => !drop.has(e.runner));
    },
    runnerFor(id) {
      const accelerator = chosen.get(id);
      const base = byId.get(id);
      return accelerator && base ? acceleratedRunner(base, accelerator, k.store, notices) : undefined;
    },
    notices,
  };
}
