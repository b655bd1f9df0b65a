import type { FormatterCapability, FormatterInput, Registry } from '@aqe/kernel';
import { CliErrorCodes, UsageError } from './errors.js';

/** The formatter `--format` names; formatters are plugins, so the list is whatever is registered. */
export function selectFormatter(registry: Registry, id: string): FormatterCapability {
  const formatter = registry.get('formatters', id);
  if (formatter) return formatter;
  const ids = registry
    .list('formatters')
    .map((f) => f.id)
    .sort();
  const fix = ids.length > 0 ? `Use --format with one of: ${ids.join(', ')}` : 'No formatter is registered: check that config "disable" does not list the built-in format plugins';
  throw new UsageError(CliErrorCodes.UNKNOWN_FORMATTER, `unknown formatter "${id}" for --format`, fix);
}

/** A formatter declares the input kinds it renders; refuse the rest instead of printing nothing. */
export function assertRenders(formatter: FormatterCapability, registry: Registry, kind: FormatterInput['kind']): void {
  if (formatter.kinds.includes(kind)) return;
  const able = registry
    .list('formatters')
    .filter((f) => f.kinds.includes(kind))
    .map((f) => f.id)
    .sort();
  const fix = able.length > 0 ? `Use --format with one of: ${able.join(', ')}` : `No registered formatter renders "${kind}"`;
  throw new UsageError(CliErrorCodes.FORMATTER_CANNOT_RENDER, `formatter "${formatter.id}" cannot render ${kind} output`, fix);
}
