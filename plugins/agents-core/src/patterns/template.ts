import { stripVTControlCharacters } from 'node:util';

/**
 * Masks what changes between two occurrences of the same failure, so they normalise to
 * one template: quoted values, URLs, paths, addresses, ids and numbers. Order matters:
 * a URL or a path contains numbers, a quoted value may contain a path.
 */
const MASKS: readonly (readonly [RegExp, string])[] = [
  [/`[^`\n]*`|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '<str>'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s)'"]+/gi, '<url>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}\b|\[?::1\]?|\blocalhost\b/g, '<host>'],
  [/(?:\b[A-Za-z]:)?(?:\.{0,2}[\\/][\w@.+~-]+){2,}[\\/]?/g, '<path>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<id>'],
  [/-?\b\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|s|mb|kb|b)?\b/gi, '<n>'],
];

/** Templates are compared, indexed and stored: long messages are cut to what identifies them. */
const TEMPLATE_MAX_CHARS = 240;
const TEMPLATE_MAX_LINES = 3;

export function messageTemplate(message: string): string {
  const lines = stripVTControlCharacters(message)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, TEMPLATE_MAX_LINES);
  let text = lines.join(' ');
  for (const [pattern, replacement] of MASKS) text = text.replace(pattern, replacement);
  return text.replace(/\s+/g, ' ').trim().slice(0, TEMPLATE_MAX_CHARS);
}
