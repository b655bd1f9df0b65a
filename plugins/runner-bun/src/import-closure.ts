import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// import … from 'x', export … from 'x', import 'x', import('x'), require('x'), jest.mock('x') and the like.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire(?:Actual|Mock)?\s*\(\s*|\bjest\.(?:mock|doMock|unmock|requireActual|requireMock)\s*\(\s*)(['"`])([^'"`\n]+)\1/g;
const EXTENSIONS = ['', '.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts', '.json'];
/** Enough for a test's own modules; a closure past it is cut, not walked into the whole app. */
const MAX_FILES = 400;

/** The modules a file loads, by a textual scan: each specifier as written, and the project files it reaches through relative ones. */
export class ImportClosure {
  readonly #specifiers = new Map<string, string[]>();

  /** Every specifier written in `file` or in the files its relative imports reach (absolute paths), and those files. */
  of(file: string): { specifiers: Set<string>; files: Set<string> } {
    const specifiers = new Set<string>();
    const files = new Set<string>([file]);
    const queue = [file];
    while (queue.length > 0 && files.size <= MAX_FILES) {
      const current = queue.shift()!;
      for (const specifier of this.#read(current)) {
        specifiers.add(specifier);
        if (!specifier.startsWith('.')) continue;
        const target = resolveFile(resolve(dirname(current), specifier));
        if (target && !files.has(target)) {
          files.add(target);
          queue.push(target);
        }
      }
    }
    return { specifiers, files };
  }

  #read(file: string): string[] {
    let found = this.#specifiers.get(file);
    if (!found) {
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        // Unreadable: it adds no imports.
      }
      found = [...text.matchAll(SPECIFIER)].map((match) => match[2]!);
      this.#specifiers.set(file, found);
    }
    return found;
  }
}

function resolveFile(base: string): string | undefined {
  for (const candidate of [...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.slice(1).map((ext) => `${base}/index${ext}`)]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}
