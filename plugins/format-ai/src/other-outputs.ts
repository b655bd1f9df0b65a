import type { DiscoverReport, DoctorReport, PluginReport } from '@aqe/kernel';
import { type ActionSuggestion, type Body, shellQuote } from './envelope.js';

const none = { warnings: [], errors: [] };

export function discovery(d: DiscoverReport): Body {
  const broken = d.runners.filter((r) => r.error);
  const counts = d.runners.map((r) => `${r.runner} ${r.files.length}`).join(', ');
  const actions: ActionSuggestion[] = broken.map((r) => ({
    action: 'fix_runner_config',
    priority: 'critical',
    reason: r.error!.message,
    affectedTests: [],
    targetFiles: r.configFiles,
    steps: [`Fix the ${r.runner} configuration named in the reason`, 'Discover again without the cache'],
    automation: { command: `npx aqe discover --runner ${shellQuote(r.runner)} --no-cache`, canAutoFix: false, confidence: 0.5 },
  }));
  if (d.total === 0 && broken.length === 0) {
    actions.push({
      action: 'add_tests',
      priority: 'info',
      reason: 'No test files were found',
      affectedTests: [],
      targetFiles: [],
      steps: ["Add tests, or check the frameworks' include/testMatch settings"],
      automation: { command: null, canAutoFix: false, confidence: 0 },
    });
  }
  return {
    status: broken.length > 0 ? 'error' : d.total === 0 ? 'warning' : 'success',
    summary: { message: d.runners.length === 0 ? 'No test framework detected.' : `${d.total} test files (${counts}).`, total: d.total },
    data: { total: d.total, runners: d.runners.map((r) => ({ runner: r.runner, count: r.files.length, configFiles: r.configFiles, files: r.files, ...(r.error ? { error: r.error } : {}) })) },
    actionSuggestions: actions,
    warnings: d.total === 0 && broken.length === 0 ? [{ code: 'AQE_NO_TESTS', message: 'No test files were found.' }] : [],
    errors: broken.map((r) => ({ code: r.error!.code, message: r.error!.message })),
  };
}

function pluginActions(list: PluginReport[]): ActionSuggestion[] {
  return list
    .filter((p) => p.status !== 'active')
    .map((p) => ({
      action: 'fix_plugin',
      priority: 'high',
      reason: p.problems.map((q) => `${q.code}: ${q.message}`).join('; '),
      affectedTests: [],
      targetFiles: [],
      steps: p.problems.map((q) => q.fix),
      automation: { command: 'npx aqe doctor', canAutoFix: false, confidence: 0.5 },
    }));
}

export function pluginReport(list: PluginReport[]): Body {
  const bad = list.filter((p) => p.status !== 'active');
  return {
    status: bad.length > 0 ? 'warning' : 'success',
    summary: { message: `${list.length} plugins, ${list.length - bad.length} active, ${bad.length} with problems.`, plugins: list.length, active: list.length - bad.length },
    data: { plugins: list },
    actionSuggestions: pluginActions(list),
    warnings: bad.flatMap((p) => p.problems.map((q) => ({ code: q.code, message: `${p.name}: ${q.message}` }))),
    errors: [],
  };
}

export function doctorReport(d: DoctorReport): Body {
  const actions = pluginActions(d.plugins);
  if (!d.node.ok)
    actions.unshift({
      action: 'upgrade_node',
      priority: 'critical',
      reason: `Node ${d.node.version} does not satisfy ${d.node.required}`,
      affectedTests: [],
      targetFiles: [],
      steps: [`Install a Node version matching ${d.node.required}`],
      automation: { command: null, canAutoFix: false, confidence: 1 },
    });
  return { status: d.ok ? 'success' : 'warning', summary: { message: d.ok ? 'aqe is healthy.' : `aqe found ${actions.length} problem(s).` }, data: { doctor: d }, actionSuggestions: actions, ...none };
}

export function config(c: Record<string, unknown>): Body {
  return { status: 'success', summary: { message: 'Resolved aqe configuration.' }, data: { config: c }, actionSuggestions: [], ...none };
}
