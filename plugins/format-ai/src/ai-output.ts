import type { FormatterInput } from '@aqe/kernel';
import { AI_SCHEMA_VERSION, type AiOutput, type OutputType } from './envelope.js';
import { cacheReport } from './cache-report.js';
import { flakyReport } from './flaky-report.js';
import { config, discovery, doctorReport, pluginReport } from './other-outputs.js';
import { testResults } from './test-results.js';

export { AI_SCHEMA_VERSION, type AiOutput } from './envelope.js';

const OUTPUT_TYPES: Record<FormatterInput['kind'], OutputType> = { run: 'test_results', discover: 'discovery', plugins: 'plugin_report', doctor: 'doctor_report', config: 'config', flaky: 'flaky_report', cache: 'cache_report' };

/** Every command's result in the one envelope; compact on purpose (assistants pay per token). */
export function toAiOutput(input: FormatterInput, timing = false, cwd = ''): AiOutput {
  const head = { schemaVersion: AI_SCHEMA_VERSION, outputType: OUTPUT_TYPES[input.kind] };
  switch (input.kind) {
    case 'run':
      return { ...head, ...testResults(input.data, timing, cwd) };
    case 'discover':
      return { ...head, ...discovery(input.data) };
    case 'plugins':
      return { ...head, ...pluginReport(input.data) };
    case 'doctor':
      return { ...head, ...doctorReport(input.data) };
    case 'config':
      return { ...head, ...config(input.data) };
    case 'flaky':
      return { ...head, ...flakyReport(input.data) };
    case 'cache':
      return { ...head, ...cacheReport(input.data) };
  }
}
