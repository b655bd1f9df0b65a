/**
 * The pool side of the agent runtime (thread side: worker.ts; messages: protocol.ts).
 * One Piscina pool per kernel: Piscina keeps minThreads warm, stops idle extra threads,
 * replaces a thread that dies, and stops the thread of a running task that is aborted.
 */
import { fileURLToPath } from 'node:url';
import type { AgentPool, AgentPoolInit, AgentRunOptions } from '@aqe/kernel';
import { Piscina } from 'piscina';
import { failedReply, type StopReason, stopped, unknownAgent } from './agent-errors.js';
import type { TaskReply, TaskRequest, WorkerInit } from './protocol.js';
import { TaskChannel } from './task-channel.js';

// `../dist/` from dist/ and from src/ alike: tests that import the sources still start built threads.
const WORKER_ENTRY = fileURLToPath(new URL('../dist/worker.js', import.meta.url));

export function createAgentPool(init: AgentPoolInit): AgentPool {
  const { settings } = init;
  const known = init.agents.map((a) => a.id);
  const workerData: WorkerInit = { storePath: init.storePath, agents: init.agents.map(({ id, module, version }) => ({ id, module, version })) };
  const piscina = new Piscina<TaskRequest, TaskReply>({
    filename: WORKER_ENTRY,
    minThreads: settings.minThreads,
    maxThreads: Math.max(settings.maxThreads, settings.minThreads),
    idleTimeout: settings.idleTimeoutMs,
    resourceLimits: { maxOldGenerationSizeMb: settings.maxOldGenerationSizeMb },
    workerData,
  });
  // A thread that dies between tasks fails no task; Piscina replaces it. Without a listener the event would crash the kernel's process.
  piscina.on('error', () => {});
  let destroyed = false;

  async function run<Output>(agent: string, input: unknown, options: AgentRunOptions = {}): Promise<Output> {
    if (!known.includes(agent)) throw unknownAgent(agent, known);
    if (destroyed) throw stopped(agent, { kind: 'destroyed' }, undefined);
    if (options.signal?.aborted) throw stopped(agent, { kind: 'aborted', reason: options.signal.reason }, undefined);
    const controller = new AbortController();
    let stop: StopReason | undefined;
    const halt = (reason: StopReason) => {
      stop ??= reason;
      controller.abort();
    };
    const onAbort = () => halt({ kind: 'aborted', reason: options.signal?.reason });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = options.timeoutMs ?? settings.taskTimeoutMs;
    const timer = timeoutMs > 0 && Number.isFinite(timeoutMs) ? setTimeout(() => halt({ kind: 'timeout', ms: timeoutMs }), timeoutMs) : undefined;
    const channel = TaskChannel.for(options);
    let reply: TaskReply;
    try {
      reply = await piscina.run(channel ? { agent, input, port: channel.remote } : { agent, input }, { signal: controller.signal, ...(channel ? { transferList: [channel.remote] } : {}) });
    } catch (error) {
      throw stopped(agent, stop ?? (destroyed ? { kind: 'destroyed' } : undefined), error);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      channel?.close();
    }
    if (channel?.callbackError) throw channel.callbackError.error;
    if (!reply.ok) throw failedReply(agent, reply);
    return reply.output as Output;
  }

  return {
    run,
    get threads() {
      return piscina.threads.length;
    },
    async destroy() {
      destroyed = true;
      await piscina.destroy();
    },
  };
}
