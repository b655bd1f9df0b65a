import { AgentError, ErrorCodes } from '@aqe/kernel';
import type { SerializedError, TaskReply } from './protocol.js';

/** Why the pool stopped waiting for a task, when it did. */
export type StopReason = { kind: 'aborted'; reason: unknown } | { kind: 'timeout'; ms: number } | { kind: 'destroyed' };

export function unknownAgent(agent: string, known: readonly string[]): AgentError {
  const list = known.length > 0 ? `registered: ${[...known].sort().join(', ')}` : 'no plugin registered any agent';
  return new AgentError(ErrorCodes.AGENT_UNKNOWN, agent, `no plugin registered this agent (${list})`, 'Check the agent name, or add the plugin that provides it to the config');
}

/** An agent that threw, or whose module could not be loaded, in its worker. */
export function failedReply(agent: string, reply: Extract<TaskReply, { ok: false }>): AgentError {
  const cause = revive(reply.error);
  if (reply.kind === 'unknown') return unknownAgent(agent, []);
  if (reply.kind === 'load') return new AgentError(ErrorCodes.AGENT_FAILED, agent, `could not be loaded: ${reply.error.message}`, 'Rebuild or reinstall the plugin that provides this agent', { cause });
  return new AgentError(ErrorCodes.AGENT_FAILED, agent, `threw ${reply.error.name}: ${reply.error.message}`, "Fix the agent's input or the agent; the error's stack is in its cause", { cause });
}

/** A task the pool gave up on: aborted, timed out, pool destroyed, or its thread died. */
export function stopped(agent: string, stop: StopReason | undefined, error: unknown): AgentError {
  if (stop?.kind === 'timeout') {
    return new AgentError(
      ErrorCodes.AGENT_TIMEOUT,
      agent,
      `did not finish within ${stop.ms} ms of the call (time queued behind other tasks included); a running task's thread is stopped and replaced`,
      'Raise agents.taskTimeoutMs in the config (or timeoutMs for this call), or give the agent less input',
      { cause: error },
    );
  }
  if (stop?.kind === 'aborted') {
    const why = stop.reason instanceof Error ? `: ${stop.reason.message}` : '';
    return new AgentError(ErrorCodes.AGENT_ABORTED, agent, `the task was aborted${why}`, 'Run it again if the abort was not intended', { cause: error });
  }
  if (stop?.kind === 'destroyed') {
    return new AgentError(ErrorCodes.AGENT_ABORTED, agent, 'the agent pool was shut down (kernel.dispose()) before the task finished', 'Wait for agent tasks before disposing the kernel', { cause: error });
  }
  if (!(error instanceof Error)) {
    // Node hands over a DataCloneError from a thread as an empty object: the reply could not be posted.
    return new AgentError(
      ErrorCodes.AGENT_WORKER_CRASHED,
      agent,
      'its worker thread died posting the result: the output most likely cannot be cloned between threads (a function, a symbol, an object with private fields); the pool started a new thread',
      'Return plain data from the agent (objects, arrays, strings, numbers, Map, typed arrays)',
      { cause: error },
    );
  }
  return new AgentError(
    ErrorCodes.AGENT_WORKER_CRASHED,
    agent,
    `its worker thread died while running the task (${error.message}); the pool started a new thread`,
    'Look in the agent for process.exit(), unbounded memory use (or raise agents.maxOldGenerationSizeMb) or a crashing native module',
    { cause: error },
  );
}

function revive(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  if (serialized.stack) error.stack = serialized.stack;
  if (serialized.code) Object.assign(error, { code: serialized.code });
  return error;
}
