/**
 * Lints large sets of files on a pool of worker threads, one per core. The files are already read and their
 * configurations resolved by the main thread (run.ts), so a worker only lints: text in, findings out. Results
 * come back by index, so the report is in the same order as a sequential run (and byte for byte the same).
 *
 * The worker runs this same module: in the shipped bundle the pool starts server/out/server.js (entry.ts sends
 * a lint worker here); compiled by tsc (tests), it starts this file.
 */
import * as os from 'os';
import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import { hasSyntaxError, lintText, type Environment, type Finding, type ResolvedConfig } from '../engine/index';

/** Below this many files a pool costs more (starting the workers) than it saves. */
export const POOL_MIN_FILES = 200;
/** Files sent to a worker at a time (small enough to balance, big enough to keep messages few). */
const BATCH = 32;

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

/**
 * How many workers to use for `files` files: 0 (lint in this thread) for small sets or a single core.
 * `VCLUSTER_CORS_WORKERS=N` forces N workers (0 or 1: none).
 */
export function poolSize(files: number, env: NodeJS.ProcessEnv): number {
  const forced = env.VCLUSTER_CORS_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced.trim())) {
    const n = Number(forced);
    return n <= 1 ? 0 : Math.min(n, Math.max(1, files));
  }
  if (files < POOL_MIN_FILES) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const n = Math.min(cores, Math.ceil(files / 100));
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

/** Lints `jobs` on `size` workers; resolves with one outcome per job, in the jobs' order. Rejects if a worker fails. */
export function lintInPool(jobs: readonly LintJob[], configs: ResolvedConfig[], size: number): Promise<LintOutcome[]> {
  const out = new Array<LintOutcome>(jobs.length);
  const batches: LintJob[][] = [];
  for (let i = 0; i < jobs.length; i += BATCH) batches.push(jobs.slice(i, i + BATCH));
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<LintOutcome[]>((resolve, reject) => {
    let failed = false;
    const stopAll = () => {
      for (const w of workers) void w.terminate();
    };
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      stopAll();
      reject(e instanceof Error ? e : new Error(String(e)));
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
    for (let k = 0; k < Math.min(size, batches.length); k++) {
      const w = new Worker(__filename, { workerData: data });
      workers.push(w);
      w.on('message', (m: Reply) => {
        if ('error' in m) {
          fail(new Error(m.error));
          return;
        }
        m.outcomes.forEach((o, i) => (out[m.batch * BATCH + i] = o));
        if (++done === batches.length) {
          stopAll();
          resolve(out);
        } else feed(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (done < batches.length && !failed) fail(new Error(`a lint worker exited (code ${code})`));
      });
      feed(w);
    }
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
