import { relative, resolve, sep } from 'node:path';
import type { CacheKeyInput } from '../../types/cache.js';
import type { Store } from '../../types/store.js';
import { reachable } from './import-graph.js';
import type { CacheKeyer } from './index.js';
import { envInputs, keyOf, LOCKFILES, MISSING, nodeInput, runnerInput } from './key-inputs.js';
import { initParser } from './parse-imports.js';
import { Resolver } from './resolver.js';
import { snapshotFiles } from './snapshots.js';
import { SourceFiles } from './source-files.js';

/** The keyer itself, loaded on the first key: its parsers cost more than a command that needs no key should pay. */
export async function loadKeyer(root: string, store: Store, env: NodeJS.ProcessEnv, allowlist: readonly string[]): Promise<CacheKeyer> {
  await initParser();
  const files = new SourceFiles(root, store);
  const resolver = new Resolver(root);
  const abs = (file: string) => resolve(root, file);
  const names = new Map<string, string>();
  const rel = (file: string) => {
    let name = names.get(file);
    if (name === undefined) {
      name = relative(root, file).split(sep).join('/');
      names.set(file, name);
    }
    return name;
  };
  // Config, setup and lock files are the same for every test of a run: hashed once per keyer.
  const shared = new Map<string, { config: FileInput[]; rest: CacheKeyInput[] }>();

  const fileInputs = (kind: 'file' | 'config', starts: string[]): FileInput[] => {
    const found = reachable(starts, files, resolver);
    const out: FileInput[] = [];
    for (const [file, source] of found) out.push({ file, input: { kind, name: rel(file), hash: source.hash } });
    for (const start of starts) if (!found.has(start)) out.push({ file: start, input: { kind, name: rel(start), hash: MISSING } });
    return out;
  };

  const environment = (configFiles: readonly string[]) => {
    const id = configFiles.join('\0');
    let entry = shared.get(id);
    if (!entry) {
      const config = fileInputs('config', configFiles.map(abs));
      const locks = LOCKFILES.flatMap((name) => {
        const lock = files.get(abs(name));
        return lock ? [{ kind: 'lockfile' as const, name, hash: lock.hash }] : [];
      });
      entry = { config, rest: [...locks, nodeInput(), ...envInputs(env, allowlist)] };
      shared.set(id, entry);
    }
    return entry;
  };

  return {
    async keyFor(input) {
      const common = environment(input.configFiles);
      const test = fileInputs('file', [abs(input.file)]);
      for (const snap of snapshotFiles(abs(input.file))) {
        const source = files.get(snap);
        if (source) test.push({ file: snap, input: { kind: 'file', name: rel(snap), hash: source.hash } });
      }
      const tested = new Set(test.map((t) => t.file));
      // A file the test reaches is listed once, as a file, even where a setup file imports it too.
      const config = common.config.filter((c) => !tested.has(c.file));
      return keyOf(dedupe([...test, ...config].map((t) => t.input).concat(common.rest, runnerInput(input.runner, input.runnerVersion))));
    },
    async imports(file) {
      const start = abs(file);
      return [...reachable([start], files, resolver).keys()]
        .filter((f) => f !== start)
        .map(rel)
        .sort();
    },
  };
}

interface FileInput {
  file: string;
  input: CacheKeyInput;
}

/** A config file named twice (a discovery input that is also a setup file) is one input. */
function dedupe(inputs: CacheKeyInput[]): CacheKeyInput[] {
  const seen = new Set<string>();
  return inputs.filter((input) => {
    const id = `${input.kind}\0${input.name}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
