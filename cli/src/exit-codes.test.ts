import { ConfigError, ErrorCodes, PluginError } from '@aqe/kernel';
import { describe, expect, it } from 'vitest';
import { CliErrorCodes, UsageError } from './errors.js';
import { ExitCode, exitCodeOf } from './exit-codes.js';

describe('exitCodeOf', () => {
  it.each([
    ['a usage error', new UsageError(CliErrorCodes.UNKNOWN_FORMATTER, 'unknown formatter "x"', 'Use one of: human'), ExitCode.Usage],
    ['an invalid config', new ConfigError(ErrorCodes.CONFIG_INVALID, 'aqe.config.json', 'plugins[1]', 'bad', 'fix it'), ExitCode.Usage],
    ['a missing config file', new ConfigError(ErrorCodes.CONFIG_NOT_FOUND, 'x.json', '', 'missing', 'fix it'), ExitCode.Usage],
    ['a config error from another copy of the kernel', Object.assign(new Error('bad'), { code: 'AQE_CONFIG_LOAD_FAILED' }), ExitCode.Usage],
    ['a malformed quarantine file', new ConfigError(ErrorCodes.QUARANTINE_INVALID, 'aqe.quarantine.json', 'version', 'bad', 'fix it'), ExitCode.Usage],
    ['a plugin error made fatal by strict mode', new PluginError(ErrorCodes.PLUGIN_SETUP_FAILED, 'p', 'setup', 'threw', 'fix it'), ExitCode.Failure],
    ['anything else', new TypeError('boom'), ExitCode.Failure],
    ['a thrown non-error', 'boom', ExitCode.Failure],
  ])('%s → %s', (_case, error, expected) => {
    expect(exitCodeOf(error)).toBe(expected);
  });
});
