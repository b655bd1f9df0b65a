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
  /** Every rule names directories only (`build/`): such a file can never ignore a file we reach. */
  dirsOnly?: boolean;
}

/** As git decides: the deepest .gitignore with a matching rule wins, so a nested `!keep.log` re-includes. */
export function isIgnored(chain: readonly IgnoreLink[], rel: string, isDir: boolean): boolean {
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i]!;
    if (!link.matcher) load(link);
    // Matching costs microseconds per path; most trees have far more files than directories.
    if (!isDir && link.dirsOnly) continue;
    const sub = link.base === '' ? rel : rel.slice(link.base.length + 1);
    const verdict = link.matcher!.test(isDir ? `${sub}/` : sub);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

function load(link: IgnoreLink): void {
  let text = '';
  try {
    text = readFileSync(link.file, 'utf8');
  } catch {
    // Unreadable since it was listed: treat as empty rather than failing discovery.
  }
  link.matcher = ignore().add(text);
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  // A negation could re-include a file some other rule matched; dir-only means none could.
  link.dirsOnly = rules.every((r) => r.endsWith('/') && !r.startsWith('!'));
}

export function link(root: string, base: string): IgnoreLink {
  return { base, file: join(root, base, '.gitignore') };
}
