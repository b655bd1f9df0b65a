import type { Logger } from '../types/plugin.js';

/** Warnings and errors to stderr; debug only with AQE_DEBUG, so commands stay quiet by default. */
export function createDefaultLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  const debug = Boolean(process.env.AQE_DEBUG);
  return {
    debug: (m) => {
      if (debug) stream.write(`aqe debug: ${m}\n`);
    },
    info: (m) => {
      if (debug) stream.write(`aqe: ${m}\n`);
    },
    warn: (m) => stream.write(`aqe warning: ${m}\n`),
    error: (m) => stream.write(`aqe error: ${m}\n`),
  };
}

/** Prefixes every message with the plugin's name so users know whom to blame. */
export function tagLogger(logger: Logger, tag: string): Logger {
  return {
    debug: (m) => logger.debug(`[${tag}] ${m}`),
    info: (m) => logger.info(`[${tag}] ${m}`),
    warn: (m) => logger.warn(`[${tag}] ${m}`),
    error: (m) => logger.error(`[${tag}] ${m}`),
  };
}
