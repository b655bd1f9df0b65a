/**
 * The CLI's own error catalog. Kernel errors keep their codes (AQE_CONFIG_*, AQE_PLUGIN_*);
 * these are the mistakes only the command line can make.
 */
export const CliErrorCodes = {
  UNKNOWN_FORMATTER: 'AQE_CLI_UNKNOWN_FORMATTER',
  FORMATTER_CANNOT_RENDER: 'AQE_CLI_FORMATTER_CANNOT_RENDER',
  INVALID_FLAG: 'AQE_CLI_INVALID_FLAG',
} as const;

type CliErrorCode = (typeof CliErrorCodes)[keyof typeof CliErrorCodes];

/** A mistake in how aqe was called: the user fixes the command line, not the project. */
export class UsageError extends Error {
  readonly code: CliErrorCode;
  readonly fix: string;
  constructor(code: CliErrorCode, message: string, fix: string) {
    super(`${message}. ${fix}`);
    this.name = 'UsageError';
    this.code = code;
    this.fix = fix;
  }
}
