import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PluginInput } from '@aqe/kernel';

interface DataDirEntry {
  name?: string;
  type?: string;
  root?: string;
}

/**
 * The plugins `aqe plugins install|link` recorded, read straight from oclif's data dir
 * (`$AQE_DATA_DIR`, else `$XDG_DATA_HOME/aqe`, else `~/.local/share/aqe`) for the
 * fast path that does not load oclif. Same selection as oclifPluginInputs: user and
 * linked packages whose package.json carries an "aqe" manifest.
 */
export function dataDirPluginInputs(env: NodeJS.ProcessEnv = process.env): PluginInput[] {
  const dataDir = env.AQE_DATA_DIR ?? join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'aqe');
  const entries = readJson(join(dataDir, 'package.json'))?.oclif as { plugins?: DataDirEntry[] } | undefined;
  const out: PluginInput[] = [];
  for (const entry of entries?.plugins ?? []) {
    const root = entry.type === 'link' ? entry.root : entry.type === 'user' && entry.name ? join(dataDir, 'node_modules', entry.name) : undefined;
    if (root && readJson(join(root, 'package.json'))?.aqe !== undefined) out.push({ from: root, source: 'oclif' });
  }
  return out;
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
