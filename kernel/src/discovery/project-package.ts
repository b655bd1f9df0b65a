import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The project's package.json, or undefined when it is missing or unparsable (detection then relies on files). */
export function readProjectPackage(root: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
