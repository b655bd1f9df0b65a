import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Always skipped, whatever .gitignore says: VCS metadata, dependencies and aqe's own store. */
export const ALWAYS_IGNORED = new Set(['.git', '.hg', '.svn', 'node_modules', '.aqe']);

/** One .gitignore on the path from the root; its matcher is built only when a directory below it must be re-read. */
export interface IgnoreLink {
  /** Directory of the .gitignore, relative to the root ('' for the root). */
  base: string;
  file: string;
  matcher?: Ignore;
}

/** As git decides: the deepest .gitignore with a matching rule wins, so a nested `!keep.log` re-includes. */
export function isIgnored(chain: readonly IgnoreLink[], rel: string, isDir: boolean): boolean {
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i]!;
    link.matcher ??= load(link.file);
    const sub = link.base === '' ? rel : rel.slice(link.base.length + 1);
    const verdict = link.matcher.test(isDir ? `${sub}/` : sub);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

function load(file: string): Ignore {
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    // Unreadable since it was listed: treat as empty rather than failing discovery.
    return ignore();
  }
}

export function link(root: string, base: string): IgnoreLink {
  return { base, file: join(root, base, '.gitignore') };
}
