import { readFile } from 'node:fs/promises';

/** Reads a JSON file; undefined when it does not exist. Parse errors propagate. */
export async function readJsonIfExists(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as Record<string, unknown>;
}
