import type { z } from 'zod';
import { keyPath, valueAt } from '../config/format-issue.js';
import { AqeError, ErrorCodes } from '../errors.js';

/** zod's `z`, handed to a plugin's schema: plugins never import zod, and commands whose plugins have no options never load it. */
export type Zod = typeof z;

export interface PluginOptionsSettings<T> {
  /** The plugin's package name, as users write it in the config (`@aqe/cache-redis`). */
  plugin: string;
  /** Options users could write, shown when the options are not an object: `{ "ttlMs": 86400000 }`. */
  example: string;
  /** The fix shown for a bad option, by option; default `Fix "<key>" in the <plugin> options, or leave it out`. */
  fixes?: { [K in keyof T]?: string };
  /** The error to throw (`option` is the first bad option, or "" for the whole object); default an AqeError `AQE_PLUGIN_OPTIONS_INVALID`. */
  toError?: (message: string, fix: string, option: string) => Error;
}

/**
 * Validates a plugin's options (untyped JSON from the config) in its `setup`, so a typo fails
 * the setup with the option's path, what it must be and what was received:
 * `options.ttlMs must be a positive number of milliseconds, received "1h"`. The schema is a
 * `z.object` of optional keys (defaults and environment fallbacks are applied after parsing);
 * unknown keys are rejected (nested objects: use `z.strictObject` for the same). A field's `.describe('a positive number of milliseconds')` is what
 * its messages say it must be. zod is loaded only when there are options to check.
 */
export async function parsePluginOptions<S extends z.ZodObject<Record<string, z.ZodOptional>>>(schema: (zod: Zod) => S, raw: unknown, how: PluginOptionsSettings<z.output<S>>): Promise<z.output<S>> {
  // Not a PluginError: the kernel reports a failed setup under the plugin's name already.
  const fail = how.toError ?? ((message: string, fix: string) => new AqeError(ErrorCodes.PLUGIN_OPTIONS_INVALID, message, fix));
  if (raw === undefined || raw === null) return {} as z.output<S>;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw fail(`options must be an object, received ${Array.isArray(raw) ? 'an array' : typeof raw}`, `Write ["${how.plugin}", ${how.example}] in the aqe config`, '');
  }
  if (Object.keys(raw).length === 0) return {} as z.output<S>;
  const { z } = await import('zod');
  const shape = schema(z).strict();
  const parsed = shape.safeParse(raw, { error: mustBe });
  if (parsed.success) return parsed.data as z.output<S>;
  const problems = parsed.error.issues.map((issue) => problem(issue, raw, shape, how));
  const first = problems[0]!;
  throw fail([...new Set(problems.map((p) => p.message))].join('; '), first.fix, first.option);
}

interface Problem {
  option: string;
  message: string;
  fix: string;
}

function problem(issue: z.core.$ZodIssue, raw: object, shape: z.ZodObject, how: PluginOptionsSettings<object>): Problem {
  const option = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : ''));
  const fix = (how.fixes as Record<string, string | undefined> | undefined)?.[option] ?? `Fix "${option}" in the ${how.plugin} options, or leave it out`;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${keyPath([...issue.path, k])}"`);
    const message = `unknown option${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`;
    return { option, message, fix: issue.path.length === 0 ? `${how.plugin} accepts only: ${Object.keys(shape.shape).join(', ')}` : fix };
  }
  // A described top-level option says what it must be; nested or undescribed ones use mustBe's words.
  const field = shape.shape[option] as z.ZodType | undefined;
  const described = issue.path.length === 1 ? (field?.description ?? (field as z.ZodOptional<z.ZodType> | undefined)?.unwrap?.().description) : undefined;
  const what = described === undefined ? issue.message : `must be ${described}`;
  return { option, message: `options.${keyPath(issue.path)} ${what}, received ${describe(valueAt(raw, issue.path))}`, fix };
}

/** zod's issues in the "options.x must be …" voice; undefined leaves zod's own message. */
function mustBe(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must be a non-empty string';
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return 'must be a non-empty list';
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}${issue.origin === 'string' ? ' characters long' : issue.origin === 'array' ? ' items long' : ''}`;
    case 'too_big':
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}${issue.origin === 'string' ? ' characters long' : issue.origin === 'array' ? ' items long' : ''}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}
