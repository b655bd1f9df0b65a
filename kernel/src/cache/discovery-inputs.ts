import type { Store } from '../types/store.js';

/**
 * The files a runner's discovery read (its config and what the config imports), as the
 * discovery step recorded them in the store's index: a change to any of them can change
 * how every test runs, so they are part of every key. Empty before the first discovery.
 */
export function discoveryInputs(store: Store, root: string, runner: string): string[] {
  const record = store.db<{ inputs?: { path?: unknown }[] }>('index').get(`discover:${root}\0${runner}`);
  if (!record || !Array.isArray(record.inputs)) return [];
  return record.inputs.flatMap((i) => (typeof i?.path === 'string' ? [i.path] : []));
}
