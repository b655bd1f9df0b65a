import type { z } from 'zod';

/** `plugins[1][0]`-style path, as a user would write it in the file. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** One issue → "what is wrong with which key", naming the expected type. */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown): { path: string; message: string } {
  const base = keyPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (base ? `${base}.${k}` : k));
    return { path: keys[0] ?? base, message: `unknown key ${keys.map((k) => `\`${k}\``).join(', ')}` };
  }
  const received = describe(valueAt(input, issue.path));
  if (issue.code === 'invalid_type') {
    return { path: base, message: `\`${base}\` expected ${issue.expected}, received ${received}` };
  }
  if (issue.code === 'invalid_union') {
    return { path: base, message: `\`${base}\` expected a package name or path string, or a [name, options] tuple, received ${received}` };
  }
  return { path: base, message: `\`${base || '(root)'}\` ${issue.message}` };
}

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}
