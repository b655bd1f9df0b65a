import { readProjectPackage } from '../discovery/project-package.js';
import type { CacheKey } from '../types/cache.js';
import type { RunnerCapability } from '../types/capabilities.js';
import type { Store } from '../types/store.js';
import { discoveryInputs } from './discovery-inputs.js';
import { createCacheKeyer } from './key/index.js';

export interface RunKeyer {
  /** The key `aqe run` uses for `file` run by `runner` with these discovery config files. */
  keyFor(runner: RunnerCapability, configFiles: readonly string[], file: string): Promise<CacheKey>;
}

/**
 * Keys exactly as `aqe run` does, for the run itself and for `aqe cache explain`: the
 * runner's version, its config files plus what its discovery read, and the keyer's inputs.
 */
export function createRunKeyer(o: { root: string; store: Store; env: NodeJS.ProcessEnv; envAllowlist: readonly string[] }): RunKeyer {
  const keyer = createCacheKeyer({ root: o.root, store: o.store, env: o.env, envAllowlist: [...o.envAllowlist] });
  const packageJson = readProjectPackage(o.root);
  const versions = new Map<string, Promise<string | null>>();
  const versionOf = (runner: RunnerCapability) => {
    let v = versions.get(runner.id);
    if (!v) {
      v = runner.version({ root: o.root, files: [], ...(packageJson ? { packageJson } : {}) }).catch(() => null);
      versions.set(runner.id, v);
    }
    return v;
  };
  return {
    async keyFor(runner, configFiles, file) {
      const inputs = [...new Set([...configFiles, ...discoveryInputs(o.store, o.root, runner.id)])].sort();
      return keyer.keyFor({ runner: runner.id, runnerVersion: await versionOf(runner), configFiles: inputs, file });
    },
  };
}
