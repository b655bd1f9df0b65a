import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway project directory populated from a { relativePath: contents } map. */
export function tempProject(files: Record<string, string | object> = {}): { dir: string; write(files: Record<string, string | object>): void; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'aqe-kernel-'));
  const write = (more: Record<string, string | object>) => {
    for (const [rel, content] of Object.entries(more)) {
      const file = join(dir, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
  };
  write(files);
  return { dir, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a plugin package (package.json with an "aqe" manifest + index.js) into node_modules or a path. */
export function pluginPackage(name: string, body: string, manifest: object = { apiVersion: '^1' }): Record<string, string | object> {
  return {
    'package.json': { name, version: '1.0.0', type: 'module', main: 'index.js', aqe: manifest },
    'index.js': body,
  };
}

export function under(prefix: string, files: Record<string, string | object>): Record<string, string | object> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [join(prefix, k), v]));
}

export const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };
