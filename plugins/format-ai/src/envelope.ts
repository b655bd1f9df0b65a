/** The v1 AI output contract (docs/schema/ai-output.v1.json); minor versions add fields, majors break. */
export const AI_SCHEMA_VERSION = '1.0.0';

export type OutputType = 'test_results' | 'discovery' | 'plugin_report' | 'doctor_report' | 'config' | 'flaky_report' | 'cache_report';
type Status = 'success' | 'failure' | 'warning' | 'error';
type Priority = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface ActionSuggestion {
  action: 'fix_test_failures' | 'update_snapshots' | 'confirm_flaky' | 'check_environment' | 'stabilize_flaky_tests' | 'install_runner' | 'fix_runner_config' | 'fix_plugin' | 'add_tests' | 'upgrade_node';
  priority: Priority;
  reason: string;
  affectedTests: string[];
  targetFiles: string[];
  steps: string[];
  automation: { command: string | null; canAutoFix: boolean; confidence: number };
}

interface Notice {
  code: string;
  message: string;
}

export interface AiOutput {
  schemaVersion: string;
  outputType: OutputType;
  status: Status;
  summary: { message: string } & Record<string, string | number>;
  data: Record<string, unknown>;
  actionSuggestions: ActionSuggestion[];
  warnings: Notice[];
  errors: Notice[];
}

export type Body = Omit<AiOutput, 'schemaVersion' | 'outputType'>;

/** POSIX shell quoting for the commands we suggest: they must run as given. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
