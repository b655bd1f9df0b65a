/**
 * Environments that mean "an AI assistant is reading": it gets the compact, versioned
 * `ai` output unless --format says otherwise. AQE_AI_OUTPUT=0 opts out.
 */
const ASSISTANT_MARKERS = ['CLAUDECODE', 'CURSOR_AGENT', 'GEMINI_CLI', 'CODEX_SANDBOX'] as const;

export function defaultFormat(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AQE_AI_OUTPUT === '0') return 'human';
  if (env.AQE_AI_OUTPUT === '1') return 'ai';
  return ASSISTANT_MARKERS.some((name) => env[name] !== undefined && env[name] !== '' && env[name] !== '0') ? 'ai' : 'human';
}
