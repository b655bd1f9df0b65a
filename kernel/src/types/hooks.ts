import type { RunResult, TestCase, TestFileResult } from './results.js';

/**
 * Every hook, with the payload its handlers receive. All hooks are sequential:
 * handlers run one after another in plugin order (pre → config order → post)
 * and their return value is ignored. Plugins extend nothing here: an unknown
 * hook name is rejected at subscription.
 */
export interface KernelHooks {
  'kernel:ready': { cwd: string; plugins: string[] };
  'discover:before': { runners: string[] };
  'discover:after': { runners: { runner: string; files: string[] }[] };
  'run:before': { files: string[] };
  'file:start': { file: string; runner: string };
  'test:result': { test: TestCase };
  'file:result': { file: TestFileResult };
  'run:after': { result: RunResult };
  dispose: Record<string, never>;
}

export type HookName = keyof KernelHooks;

export type HookHandler<K extends HookName> = (payload: KernelHooks[K]) => void | Promise<void>;

/** What one hook call did, per plugin. */
export interface HookReport {
  hook: HookName;
  successes: string[];
  failures: { plugin: string; code: string; message: string }[];
}
