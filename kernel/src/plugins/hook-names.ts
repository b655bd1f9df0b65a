import type { HookName } from '../types/hooks.js';

// A Record keyed by HookName makes the compiler reject a hook added to the types but not here.
const HOOKS: Record<HookName, 1> = {
  'kernel:ready': 1,
  'discover:before': 1,
  'discover:after': 1,
  'run:before': 1,
  'file:start': 1,
  'test:result': 1,
  'file:result': 1,
  'run:after': 1,
  dispose: 1,
};

export const HOOK_NAMES = Object.keys(HOOKS) as HookName[];

export function isHookName(name: string): name is HookName {
  return Object.hasOwn(HOOKS, name);
}
