import { createRequire } from 'node:module';
import { join } from 'node:path';
import { init, parse } from 'es-module-lexer';

/** Bump when the parsers' output changes meaning: import lists cached under the old version are not reused. */
export const PARSER_VERSION = 1;

/** Files whose imports are read; any other file (JSON, CSS, …) is hashed as a leaf. */
const PARSED = /\.(?:[cm]?[jt]sx?)$/;

/** The part of the TypeScript compiler API used here (stable since TypeScript 1.x). */
interface TypeScriptApi {
  preProcessFile(text: string, readImportFiles?: boolean, detectJavaScriptImports?: boolean): { importedFiles: { fileName: string }[] };
}

export function isParsed(file: string): boolean {
  return PARSED.test(file);
}

/** Loads the lexer's WebAssembly once; call before `importSpecifiers`. */
export function initParser(): Promise<void> {
  return init();
}

/**
 * The module specifiers a source file names, in source order, duplicates removed: static
 * imports (type-only ones too: ts-jest type-checks), `export … from`, literal dynamic
 * `import()` (a template literal as a `*` glob) and `require()`.
 *
 * es-module-lexer reads TypeScript (generics, `as`, decorators) in microseconds but does
 * not see `require` and stops at JSX. Those files — a mention of `require` or a lexer
 * error — go to TypeScript's `preProcessFile`, which sees all three forms but costs a
 * ~9 MB module load, paid only by a run that parses such a file.
 */
export function importSpecifiers(root: string, file: string, source: string): string[] {
  if (!source.includes('require')) {
    const lexed = lex(file, source);
    if (lexed) return unique(lexed);
  }
  const ts = typescript(root);
  return unique(ts ? ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName) : scan(source));
}

function lex(file: string, source: string): string[] | undefined {
  try {
    const [imports] = parse(source, file);
    const out: string[] = [];
    for (const entry of imports) {
      if (entry.type === 'import-meta' || entry.specifier === undefined) continue;
      out.push(entry.specifier);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Per project root: which TypeScript reads its files (a process may key several projects, a workspace's among them). */
const loaded = new Map<string, TypeScriptApi | null>();

/**
 * The project's own TypeScript, else the one aqe resolves; null when neither is installed.
 * TypeScript 7 (the native compiler) has no JavaScript API: a `typescript` without
 * `preProcessFile` is passed over for the next one.
 */
function typescript(root: string): TypeScriptApi | null {
  if (loaded.has(root)) return loaded.get(root)!;
  let found: TypeScriptApi | null = null;
  for (const from of [join(root, 'package.json'), import.meta.url]) {
    try {
      const ts = createRequire(from)('typescript') as Partial<TypeScriptApi>;
      if (typeof ts.preProcessFile !== 'function') continue;
      found = ts as TypeScriptApi;
      break;
    } catch {
      // Not installed there: try the next place.
    }
  }
  loaded.set(root, found);
  return found;
}

/**
 * Without TypeScript: every string literal after `from`, `import`, `import(` or `require(`,
 * comments and strings included. It can only name more files than the code loads, which
 * costs a needless re-run, never a stale result.
 */
const LITERAL = /\b(?:from|import|require)\s*\(?\s*(['"`])([^'"`\n]+)\1/g;

function scan(source: string): string[] {
  return [...source.matchAll(LITERAL)].map((m) => m[2]!);
}

function unique(specifiers: string[]): string[] {
  return [...new Set(specifiers)];
}
