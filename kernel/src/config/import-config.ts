import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/**
 * Loads one config file's raw value. JSON is parsed; JS/MJS are imported; TS goes
 * through jiti (loaded only then) because Node 20 cannot import TypeScript itself.
 */
export async function importConfig(file: string): Promise<unknown> {
  if (file.endsWith('.json')) return JSON.parse(await readFile(file, 'utf8'));
  if (file.endsWith('.ts') || file.endsWith('.mts') || file.endsWith('.cts')) {
    const { createJiti } = await import('jiti');
    const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
    return jiti.import(file, { default: true });
  }
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return mod.default;
}
