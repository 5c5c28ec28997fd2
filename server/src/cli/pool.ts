/**
 * Lints large sets of files on a pool of threads, one per core: this thread and `size - 1` workers. The files are
 * already read and their configurations resolved by the main thread (run.ts), so a worker only lints: text in,
 * findings out. This thread lints batches too while the workers start and run (it would only wait otherwise).
 * Results are stored by index, so the report is in the same order as a sequential run (and byte for byte the same).
 *
 * The worker runs this same module: in the shipped bundle the pool starts server/out/server.js with a marker
 * argument (entry.ts sets it with `startWorkersWith`; the loader sends a lint worker here); compiled by tsc
 * (tests), it starts this file.
 */
import * as os from 'os';
import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import { hasSyntaxError, lintText, type Environment, type Finding, type ResolvedConfig } from '../engine/index';

/**
 * Files one thread must have to pay for starting a worker: a worker loads the bundle (~80 ms) and warms up its own
 * JIT (its first files lint several times slower), ~0.2–0.3 s of CPU in all, while a warm thread lints a small
 * values file in ~0.3 ms.
 */
export const FILES_PER_THREAD = 500;
/** Below this many files a pool costs more (starting the workers) than it saves. */
export const POOL_MIN_FILES = 2 * FILES_PER_THREAD;
/** The script a lint worker runs, and the arguments it gets (see the header). */
let workerScript = __filename;
let workerArgv: string[] = [];

export function startWorkersWith(script: string, argv: string[]): void {
  workerScript = script;
  workerArgv = argv;
}

/** Files sent to a worker at a time (small enough to balance, big enough to keep messages few). */
const BATCH = 32;
/** Batches a worker holds at once: it starts the next one while its last result travels back. */
const IN_FLIGHT = 2;

export interface LintJob {
  filePath: string;
  text: string;
  /** Index into the configs sent with the pool's start. */
  config: number;
  environment?: Environment;
}

export interface LintOutcome {
  environment: Environment;
  environmentReason: string;
  findings: Finding[];
  /** Line starts of the text (undefined when it did not parse): the main thread rebuilds its LineIndex from them. */
  lineStarts?: number[];
  fixBlocked: boolean;
}

/** The cores of this machine and how busy they are (the 1-minute load average; 0 where the OS has none, Windows). */
export interface Cpu {
  cores: number;
  load: number;
}

function thisCpu(): Cpu {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return { cores, load: os.loadavg()[0] };
}

/**
 * How many threads to lint `files` files on (this one included): 0 (lint in this thread only) for small sets, fewer
 * than three cores, or when the other cores are busy (a worker on a busy core only adds its start-up and warm-up).
 * One thread per idle core but one: a thread that lints also keeps V8's background compilers and garbage
 * collector busy (a run on one thread used ~1.4 cores on the 2-core test machine), so on 2 cores a worker has no
 * core of its own and the pool measured slower than one thread (2,000 files: 0.71–0.82 s against 0.58–0.62 s, with
 * 0.3–0.5 s more CPU for the worker's start and cold JIT). `VCLUSTER_CORS_WORKERS=N` forces N threads (0 or 1: this
 * one only).
 */
export function poolSize(files: number, env: NodeJS.ProcessEnv, cpu: Cpu = thisCpu()): number {
  const forced = env.VCLUSTER_CORS_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced.trim())) {
    const n = Number(forced);
    return n <= 1 ? 0 : Math.min(n, Math.max(1, files));
  }
  if (files < POOL_MIN_FILES) return 0;
  const idle = Math.max(0, Math.round(cpu.cores - cpu.load));
  const n = Math.min(cpu.cores - 1, idle, Math.floor(files / FILES_PER_THREAD));
  return n >= 2 ? n : 0;
}

interface StartData {
  vclusterCors: 'lint-worker';
  configs: ResolvedConfig[];
}
type Request = { batch: number; jobs: LintJob[] };
type Reply = { batch: number; outcomes: LintOutcome[] } | { batch: number; error: string };

function lintOne(job: LintJob, configs: ResolvedConfig[]): LintOutcome {
  const result = lintText(job.text, { filePath: job.filePath, environment: job.environment, config: configs[job.config] });
  return {
    environment: result.environment,
    environmentReason: result.environmentReason,
    findings: result.findings,
    lineStarts: result.parsed.fatal ? undefined : result.parsed.lineCounter.lineStarts,
    fixBlocked: hasSyntaxError(result),
  };
}

/**
 * Lints `jobs` on `size` threads (this one and `size - 1` workers); resolves with one outcome per job, in the jobs'
 * order. Rejects if a worker fails.
 */
export function lintInPool(jobs: readonly LintJob[], configs: ResolvedConfig[], size: number): Promise<LintOutcome[]> {
  const out = new Array<LintOutcome>(jobs.length);
  const batches: LintJob[][] = [];
  for (let i = 0; i < jobs.length; i += BATCH) batches.push(jobs.slice(i, i + BATCH));
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<LintOutcome[]>((resolve, reject) => {
    let over = false;
    const stopAll = () => {
      for (const w of workers) void w.terminate();
    };
    const fail = (e: unknown) => {
      if (over) return;
      over = true;
      stopAll();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const store = (batch: number, outcomes: LintOutcome[]) => {
      for (let i = 0; i < outcomes.length; i++) out[batch * BATCH + i] = outcomes[i];
      if (++done === batches.length && !over) {
        over = true;
        stopAll();
        resolve(out);
      }
    };
    const feed = (w: Worker) => {
      if (next < batches.length) {
        const batch = next++;
        w.postMessage({ batch, jobs: batches[batch] } satisfies Request);
      }
    };
    if (batches.length === 0) {
      resolve(out);
      return;
    }
    const data: StartData = { vclusterCors: 'lint-worker', configs };
    for (let k = 0; k < Math.min(size - 1, batches.length - 1); k++) {
      const w = new Worker(workerScript, { workerData: data, argv: workerArgv });
      workers.push(w);
      w.on('message', (m: Reply) => {
        if ('error' in m) fail(new Error(m.error));
        else if (!over) {
          store(m.batch, m.outcomes);
          feed(w);
        }
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (!over) fail(new Error(`a lint worker exited (code ${code})`));
      });
      for (let f = 0; f < IN_FLIGHT; f++) feed(w);
    }
    // This thread takes a batch at a time, and lets the workers' messages in between.
    const here = () => {
      if (over || next >= batches.length) return;
      const batch = next++;
      try {
        store(
          batch,
          batches[batch].map((j) => lintOne(j, configs)),
        );
      } catch (e) {
        fail(e);
        return;
      }
      setImmediate(here);
    };
    here();
  });
}

/** The worker side: lint the batches the main thread sends. */
function serve(): void {
  const { configs } = workerData as StartData;
  parentPort!.on('message', (m: Request) => {
    try {
      parentPort!.postMessage({ batch: m.batch, outcomes: m.jobs.map((j) => lintOne(j, configs)) } satisfies Reply);
    } catch (e) {
      parentPort!.postMessage({ batch: m.batch, error: (e as Error)?.message ?? String(e) } satisfies Reply);
    }
  });
}

if (!isMainThread && (workerData as Partial<StartData> | null)?.vclusterCors === 'lint-worker') serve();
