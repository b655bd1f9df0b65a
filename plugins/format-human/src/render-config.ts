import type { Palette } from './palette.js';

/**
 * A YAML-like `key: value` tree of the resolved config, in the order given. Strings are
 * bare unless they would read as something else (empty, padded, multi-line, or a
 * number/boolean/null lookalike), then JSON-quoted.
 */
export function renderConfig(config: Record<string, unknown>, c: Palette): string[] {
  const keys = Object.keys(config);
  if (keys.length === 0) return [c.dim('(empty config)')];
  return objectLines(config, 0, c);
}

function objectLines(obj: Record<string, unknown>, depth: number, c: Palette): string[] {
  const pad = '  '.repeat(depth);
  return Object.entries(obj)
    .filter(([, v]) => v !== undefined)
    .flatMap(([key, value]) => {
      const label = `${pad}${c.cyan(key)}:`;
      return isNested(value) ? [label, ...nestedLines(value, depth + 1, c)] : [`${label} ${scalar(value, c)}`];
    });
}

function arrayLines(list: readonly unknown[], depth: number, c: Palette): string[] {
  const pad = '  '.repeat(depth);
  return list.flatMap((item) => {
    if (!isNested(item)) return [`${pad}- ${scalar(item, c)}`];
    // The first line of a nested item shares the dash, like YAML: "- spec: x".
    const [first = '', ...rest] = nestedLines(item, depth + 1, c);
    return [`${pad}- ${first.trimStart()}`, ...rest];
  });
}

function nestedLines(value: object, depth: number, c: Palette): string[] {
  return Array.isArray(value) ? arrayLines(value, depth, c) : objectLines(value as Record<string, unknown>, depth, c);
}

/** Non-empty arrays and objects get their own lines; empty ones print inline as [] / {}. */
function isNested(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
}

function scalar(value: unknown, c: Palette): string {
  if (value === null || value === undefined) return c.dim('null');
  if (Array.isArray(value)) return c.dim('[]');
  if (typeof value === 'object') return c.dim('{}');
  if (typeof value === 'string') return needsQuotes(value) ? c.green(JSON.stringify(value)) : c.green(value);
  if (typeof value === 'number' || typeof value === 'bigint') return c.yellow(String(value));
  if (typeof value === 'boolean') return c.magenta(String(value));
  return String(value);
}

function needsQuotes(s: string): boolean {
  return s === '' || s.trim() !== s || /[\r\n]/.test(s) || /^(true|false|null|~|-?\d[\d_.eE+-]*)$/i.test(s);
}
