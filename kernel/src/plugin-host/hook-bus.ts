import { ErrorCodes, errorMessage, PluginError } from '../errors.js';
import type { HookHandler, HookName, HookReport, KernelHooks } from '../types/hooks.js';
import { TimeoutError, withTimeout } from '../util/with-timeout.js';

interface Subscription {
  plugin: string;
  rank: number;
  handler: HookHandler<any>;
}

export interface HookFailure {
  plugin: string;
  hook: HookName;
  code: string;
  message: string;
}

/**
 * Sequential hook dispatch in plugin order. Each call has a timeout; a plugin whose
 * handler throws or hangs is reported and isolated (its later handlers are skipped) so
 * one bad plugin cannot take a run down — unless strict, where the failure is thrown.
 */
export class HookBus {
  private readonly subscriptions = new Map<HookName, Subscription[]>();
  private readonly isolated = new Set<string>();

  constructor(
    private readonly timeoutMs: number,
    private readonly strict: boolean,
    private readonly onFailure: (failure: HookFailure) => void,
  ) {}

  subscribe(hook: HookName, plugin: string, rank: number, handler: HookHandler<any>): void {
    const list = this.subscriptions.get(hook) ?? [];
    list.push({ plugin, rank, handler });
    // Stable sort keeps subscription order within one plugin.
    list.sort((a, b) => a.rank - b.rank);
    this.subscriptions.set(hook, list);
  }

  isolate(plugin: string): void {
    this.isolated.add(plugin);
  }

  async call<K extends HookName>(hook: K, payload: KernelHooks[K]): Promise<HookReport> {
    const report: HookReport = { hook, successes: [], failures: [] };
    for (const sub of this.subscriptions.get(hook) ?? []) {
      if (this.isolated.has(sub.plugin)) continue;
      try {
        await withTimeout(() => sub.handler(payload), this.timeoutMs);
        if (!report.successes.includes(sub.plugin)) report.successes.push(sub.plugin);
      } catch (error) {
        const timedOut = error instanceof TimeoutError;
        const code = timedOut ? ErrorCodes.PLUGIN_HOOK_TIMEOUT : ErrorCodes.PLUGIN_HOOK_FAILED;
        const message = timedOut ? `hook "${hook}" did not finish within ${this.timeoutMs} ms` : `hook "${hook}" threw: ${errorMessage(error)}`;
        report.failures.push({ plugin: sub.plugin, code, message });
        this.isolated.add(sub.plugin);
        this.onFailure({ plugin: sub.plugin, hook, code, message });
        if (this.strict) {
          throw new PluginError(code, sub.plugin, `hooks.${hook}`, message, timedOut ? 'Make the handler settle, or raise hookTimeoutMs in the aqe config' : 'Fix the handler, or disable the plugin with "disable" in the aqe config');
        }
      }
    }
    return report;
  }
}
