import type { RunResult, TestCase, TestFileResult } from './results.js';

/**
 * Every hook, with the payload its handlers receive. How each is called is in
 * `KernelHookKinds`. Plugins extend nothing here: an unknown hook name is rejected at
 * subscription.
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

/**
 * `sequential`: handlers run one after another in plugin order (pre → config order → post),
 * each awaited, their return value ignored; and the kernel never starts a call of the hook
 * before the previous one has settled, so a plugin sees `file:start`, each `test:result` and
 * `file:result` of a file in order, one at a time. (Every hook is sequential today; the kind
 * is in the type so that a parallel hook added later says so where plugins read it.)
 */
export type HookKind = 'sequential';

/** Each hook's kind, checked complete at compile time. */
export type KernelHookKinds = { [K in HookName]: HookKind };

export type HookHandler<K extends HookName> = (payload: KernelHooks[K]) => void | Promise<void>;

/** What one hook call did, per plugin. */
export interface HookReport {
  hook: HookName;
  successes: string[];
  failures: { plugin: string; code: string; message: string }[];
}
