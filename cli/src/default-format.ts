/**
 * Environments that mean "an AI assistant is reading": it gets the compact, versioned
 * `ai` output unless --format says otherwise. AQE_AI_OUTPUT=1 forces it, =0 opts out.
 * Claude Code sets CLAUDECODE, Cursor CURSOR_AI / CURSOR_AGENT, Aider AIDER_AI, Gemini CLI
 * GEMINI_CLI, Codex CODEX_SANDBOX, Windsurf WINDSURF_AI, Cline CLINE_AI.
 */
const ASSISTANT_MARKERS = ['CLAUDECODE', 'CURSOR_AI', 'CURSOR_AGENT', 'AIDER_AI', 'GEMINI_CLI', 'CODEX_SANDBOX', 'WINDSURF_AI', 'CLINE_AI'] as const;

export function defaultFormat(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AQE_AI_OUTPUT === '0') return 'human';
  if (env.AQE_AI_OUTPUT === '1') return 'ai';
  return ASSISTANT_MARKERS.some((name) => env[name] !== undefined && env[name] !== '' && env[name] !== '0') ? 'ai' : 'human';
}
