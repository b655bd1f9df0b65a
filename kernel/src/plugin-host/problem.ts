import { type ErrorCode, PluginError } from '../errors.js';
import type { PluginProblem } from '../types/capabilities.js';

export function problem(code: ErrorCode, field: string, message: string, fix: string): PluginProblem {
  return { code, field, message, fix };
}

export function problemToError(plugin: string, p: PluginProblem): PluginError {
  return new PluginError(p.code as ErrorCode, plugin, p.field, p.message, p.fix);
}
