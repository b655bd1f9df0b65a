import type { HookName, KernelHookKinds } from '../types/hooks.js';

// Keyed by HookName: the compiler rejects a hook added to the types but not here.
const HOOK_KINDS: KernelHookKinds = {
  'kernel:ready': 'sequential',
  'discover:before': 'sequential',
  'discover:after': 'sequential',
  'run:before': 'sequential',
  'file:start': 'sequential',
  'test:result': 'sequential',
  'file:result': 'sequential',
  'run:after': 'sequential',
  dispose: 'sequential',
};
const HOOKS = HOOK_KINDS;

export const HOOK_NAMES = Object.keys(HOOKS) as HookName[];

export function isHookName(name: string): name is HookName {
  return Object.hasOwn(HOOKS, name);
}
