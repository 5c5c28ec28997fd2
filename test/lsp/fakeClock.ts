/** A clock that tests advance by hand, with the timers set on it (lsp/memory.ts and lsp/warmup.ts tests). */
export interface FakeClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(t: unknown): void;
  /** Timers not run or cleared yet. */
  pending(): number;
  /** Moves the clock by `ms`, running every timer due on the way, in order. */
  advance(ms: number): void;
}

export function fakeClock(): FakeClock {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (t) => void timers.delete(t as number),
    pending: () => timers.size,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}
