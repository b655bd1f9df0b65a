import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Manifest = Record<string, unknown>;

/** A directory's package.json; undefined when it is missing or not a JSON object (it then names no package). */
export function readManifest(dir: string): Manifest | undefined {
  try {
    const json: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Manifest) : undefined;
  } catch {
    return undefined;
  }
}
