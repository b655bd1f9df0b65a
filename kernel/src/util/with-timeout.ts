export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`did not settle within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Races a plugin-supplied promise against a timer. The timer is always cleared so a
 * settled call never keeps the process alive; a call that hangs is abandoned, not awaited.
 */
export async function withTimeout<T>(work: () => T | Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
