/**
 * The language server's helper threads at background priority. Node starts a process with a handful of helper
 * threads next to the main one (V8's platform workers: its optimizing compiler and the concurrent/parallel parts
 * of its garbage collector; a delayed-task thread). V8 keeps optimizing functions for hundreds of edits after the
 * warm-up (lsp/warmup.ts), one compile job every few edits, and a job started by an edit runs while that edit is
 * answered. Where cores are few, the compile thread then competes with the thread that answers the editor and with
 * the editor's own process: on this project's 2-core VM, the slowest edits of a 100-line file were the ones with
 * 2–4 ms of helper-thread CPU in their window, at a normal 1.5–2.5 ms of main-thread CPU.
 * With the helpers at nice 19, the kernel runs them when a core is free instead; browsers run V8's background
 * tasks at a lower priority for the same reason. Measured (docs/reference/lsp-latency.md): p95 of a 100-line
 * file's edits 3.6–4.8 → 2.9–3.8 ms, 50k and 200k lines unchanged.
 *
 * Linux only (per-thread nice values, thread ids from /proc); elsewhere nothing is done. Threads started later
 * (libuv's pool, started from the main thread) inherit the main thread's priority, which is left as it is.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value given to helper threads (the lowest priority). */
export const HELPER_NICE = 19;

export interface ThreadHost {
  readonly platform: string;
  /** The main thread's id (on Linux, the process id). */
  readonly pid: number;
  /** Ids of the process's threads. */
  threads(): string[];
  setNice(tid: number, nice: number): void;
}

export function processThreadHost(): ThreadHost {
  return {
    platform: process.platform,
    pid: process.pid,
    threads: () => readdirSync('/proc/self/task'),
    setNice: (tid, nice) => setPriority(tid, nice),
  };
}

/** Lowers every thread but the main one to HELPER_NICE; returns how many were lowered. Never throws. */
export function backgroundHelperThreads(host: ThreadHost = processThreadHost()): number {
  if (host.platform !== 'linux') return 0;
  let ids: string[];
  try {
    ids = host.threads();
  } catch {
    return 0; // no /proc
  }
  let n = 0;
  for (const id of ids) {
    const tid = Number(id);
    if (!Number.isInteger(tid) || tid <= 0 || tid === host.pid) continue;
    try {
      host.setNice(tid, HELPER_NICE);
      n++;
    } catch {
      // the thread ended meanwhile, or a sandbox forbids it: it keeps its priority
    }
  }
  return n;
}
