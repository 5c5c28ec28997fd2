/**
 * Gives memory back after big parses. Opening (or re-parsing in full) a big file leaves ~2–3× the document's
 * live size in garbage; V8 does not collect it while the server sits idle (no allocation, no GC), so the
 * server kept that resident set for as long as the file stayed open (measured: 50k lines, 168 MB with 39 MB
 * live, unchanged 15 s later). Once the server has been idle for a moment after such work, it runs one
 * compacting full GC; after a longer idle period, one more (cheap) full GC, which V8 lets shrink the young
 * generation because the allocation rate has dropped by then. Any new activity postpones both, so typing never
 * pays a pause. Facts and measurements: docs/reference/node-memory.md.
 */
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Idle time after big work before the compacting GC. */
export const COMPACT_IDLE_MS = 250;
/** Idle time after the compaction before the GC that shrinks the young generation (V8 measures ~5 s of rate). */
export const SHRINK_IDLE_MS = 6000;
/** Old-generation growth since the last compaction (or the start) that is worth a compaction. */
export const GROWTH_BYTES = 48 * 1024 * 1024;
/** A young generation above this is worth shrinking. */
const YOUNG_BYTES = 4 * 1024 * 1024;
/**
 * Above this old generation (after the compaction) the young generation is left as it is: V8 adds the young
 * generation's capacity to the old generation's next GC trigger, so shrinking 2 × 32 MB to 2 × 1 MB brings the next
 * full GC ~60 MB closer. In a 200,000-line file, where each edit leaves a copy of the text (~5.6 MB) behind, that
 * is a full GC every ~8 edits instead of every ~25, with marking steps of up to 16 ms inside edits; there the young
 * generation is a small share of the resident set anyway. docs/reference/node-memory.md.
 */
export const KEEP_YOUNG_ABOVE_BYTES = 96 * 1024 * 1024;

export interface MemoryHost {
  /** Committed V8 heap outside the young generation (where a parse's garbage ends up), bytes. */
  oldTotal(): number;
  /** Committed V8 heap, young generation included (one cheap call; at least oldTotal()), bytes. */
  heapTotal(): number;
  /** Young generation size (committed), bytes. */
  youngTotal(): number;
  /** A full GC; `compact` moves objects to give fragmented pages back. */
  collect(compact: boolean): void;
  setTimeout(fn: () => void, ms: number): { unref?(): unknown };
  clearTimeout(t: unknown): void;
}

type Step = 'compact' | 'shrink';

export class MemoryKeeper {
  /** Old generation size right after the last compaction (the live size then, plus V8's slack). */
  private settled = 0;
  private timer: unknown;
  private step: Step | undefined;

  constructor(private readonly host: MemoryHost | undefined) {}

  /**
   * After an analysis: arm the compaction when the heap grew by a lot since the last one. Asked after every edit:
   * the whole heap's size is one call to V8, the old generation's two (its space list is an array of objects), so
   * the old generation is asked for only when the whole heap is over the bound (~20 µs less per edit after a pause).
   */
  afterWork(): void {
    if (!this.host) return;
    const bound = this.settled + GROWTH_BYTES;
    if (this.host.heapTotal() > bound && this.host.oldTotal() > bound) this.arm('compact');
    else if (this.step) this.arm(this.step);
  }

  /** Any request or edit: what is armed waits for a new idle period. */
  touch(): void {
    if (this.step) this.arm(this.step);
  }

  dispose(): void {
    if (this.timer !== undefined) this.host?.clearTimeout(this.timer);
    this.timer = undefined;
    this.step = undefined;
  }

  private arm(step: Step): void {
    const host = this.host!;
    if (this.timer !== undefined) host.clearTimeout(this.timer);
    this.step = step;
    this.timer = host.setTimeout(() => this.run(), step === 'compact' ? COMPACT_IDLE_MS : SHRINK_IDLE_MS);
    (this.timer as { unref?(): unknown }).unref?.();
  }

  private run(): void {
    const host = this.host!;
    const step = this.step;
    this.timer = undefined;
    this.step = undefined;
    host.collect(step === 'compact');
    this.settled = host.oldTotal();
    if (step === 'compact' && host.youngTotal() > YOUNG_BYTES && this.settled <= KEEP_YOUNG_ABOVE_BYTES) this.arm('shrink');
  }
}

/**
 * The host for this process, or undefined when V8's flags cannot be set (then nothing is done).
 * `--expose-gc` is set before the engine bundle is compiled (scripts/server-loader.cjs, lsp/server.ts): V8's
 * code cache checks the flags, so they must be the same when the cache is made and when it is used. Only new
 * contexts get the `gc` function, hence a one-line context, made on the first collection rather than at start-up
 * (a new context costs ~1.2 ms, and most sessions never collect). Without a `gc` function a collection does nothing.
 */
export function processMemoryHost(): MemoryHost | undefined {
  try {
    setFlagsFromString('--expose-gc');
  } catch {
    return undefined;
  }
  /** The gc function; null when V8 did not give one. */
  let gc: (() => void) | null | undefined;
  const gcFunction = (): (() => void) | null => {
    if (gc === undefined) {
      try {
        const f: unknown = runInNewContext('gc');
        gc = typeof f === 'function' ? (f as () => void) : null;
      } catch {
        gc = null;
      }
    }
    return gc;
  };
  const youngTotal = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
  const heapTotal = (): number => getHeapStatistics().total_heap_size;
  return {
    oldTotal: () => heapTotal() - youngTotal(),
    heapTotal,
    youngTotal,
    collect(compact) {
      const collect = gcFunction();
      if (!collect) return;
      if (!compact) {
        collect();
        return;
      }
      setFlagsFromString('--compact-on-every-full-gc');
      try {
        collect();
      } finally {
        setFlagsFromString('--no-compact-on-every-full-gc');
      }
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
  };
}
