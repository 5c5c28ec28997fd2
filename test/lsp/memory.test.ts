/** Memory given back after big parses (lsp/memory.ts): when the GCs run, driven by a fake heap and clock. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMPACT_IDLE_MS,
  GROWTH_BYTES,
  KEEP_YOUNG_ABOVE_BYTES,
  MemoryKeeper,
  SHRINK_IDLE_MS,
  processMemoryHost,
  type MemoryHost,
} from '../../server/src/lsp/memory';
import { fakeClock } from './fakeClock';

const MB = 1024 * 1024;

interface Fake {
  heap: number;
  young: number;
  /** What a compaction leaves (the live size). */
  live: number;
  gcs: string[];
  host: MemoryHost;
  advance(ms: number): void;
}

/** A heap whose sizes the test sets, a clock the test advances, and the log of GCs run. */
function fakeHost(): Fake {
  const clock = fakeClock();
  const h: Fake = {
    heap: 40 * MB,
    young: 32 * MB,
    live: 40 * MB,
    gcs: [] as string[],
    host: {
      oldTotal: () => h.heap,
      heapTotal: () => h.heap + h.young,
      youngTotal: () => h.young,
      collect(compact: boolean) {
        h.gcs.push(`${compact ? 'compact' : 'full'}@${clock.now()}`);
        if (compact) h.heap = h.live;
        else h.young = 1 * MB;
      },
      setTimeout: (fn: () => void, ms: number) => clock.setTimeout(fn, ms) as unknown as { unref?(): unknown },
      clearTimeout: (t: unknown) => clock.clearTimeout(t),
    } satisfies MemoryHost,
    advance: (ms: number) => clock.advance(ms),
  };
  return h;
}

describe('MemoryKeeper', () => {
  test('a big parse: one compaction after a short idle period, then one GC that shrinks the young generation', () => {
    const h = fakeHost();
    const m = new MemoryKeeper(h.host);
    h.heap = 400 * MB;
    m.afterWork();
    h.advance(COMPACT_IDLE_MS - 1);
    assert.deepEqual(h.gcs, []);
    h.advance(1);
    assert.deepEqual(h.gcs, [`compact@${COMPACT_IDLE_MS}`]);
    h.advance(SHRINK_IDLE_MS);
    assert.deepEqual(h.gcs, [`compact@${COMPACT_IDLE_MS}`, `full@${COMPACT_IDLE_MS + SHRINK_IDLE_MS}`]);
    h.advance(60_000);
    assert.equal(h.gcs.length, 2, 'nothing more while idle');
  });

  test('typing postpones the GCs: none runs while requests and edits keep coming', () => {
    const h = fakeHost();
    const m = new MemoryKeeper(h.host);
    h.heap = 400 * MB;
    m.afterWork();
    for (let i = 0; i < 50; i++) {
      h.advance(COMPACT_IDLE_MS - 10);
      m.touch();
    }
    assert.deepEqual(h.gcs, []);
    h.advance(COMPACT_IDLE_MS);
    assert.equal(h.gcs.length, 1);
    // The shrink waits for its own idle period, postponed by activity as well.
    h.advance(SHRINK_IDLE_MS - 10);
    m.touch();
    h.advance(SHRINK_IDLE_MS - 10);
    assert.equal(h.gcs.length, 1);
    h.advance(10);
    assert.equal(h.gcs.length, 2);
  });

  test('small work does nothing: the heap must grow by the threshold since the last compaction', () => {
    const h = fakeHost();
    const m = new MemoryKeeper(h.host);
    h.heap = 400 * MB;
    m.afterWork();
    h.advance(COMPACT_IDLE_MS + SHRINK_IDLE_MS);
    assert.equal(h.gcs.length, 2);
    h.heap = 40 * MB + GROWTH_BYTES; // not more than the threshold
    m.afterWork();
    h.advance(60_000);
    assert.equal(h.gcs.length, 2);
    h.heap = 40 * MB + GROWTH_BYTES + 1;
    m.afterWork();
    h.advance(COMPACT_IDLE_MS);
    assert.equal(h.gcs[2], `compact@${2 * COMPACT_IDLE_MS + SHRINK_IDLE_MS + 60_000}`);
  });

  test('no young-generation GC when it is already small', () => {
    const h = fakeHost();
    h.young = 2 * MB;
    const m = new MemoryKeeper(h.host);
    h.heap = 400 * MB;
    m.afterWork();
    h.advance(60_000);
    assert.deepEqual(h.gcs, [`compact@${COMPACT_IDLE_MS}`]);
  });

  test('a big live heap keeps its young generation (the next full GC would come ~60 MB sooner while typing)', () => {
    const h = fakeHost();
    h.live = KEEP_YOUNG_ABOVE_BYTES + 1;
    const m = new MemoryKeeper(h.host);
    h.heap = 400 * MB;
    m.afterWork();
    h.advance(60_000);
    assert.deepEqual(h.gcs, [`compact@${COMPACT_IDLE_MS}`]);
    // At the bound, it is shrunk.
    const h2 = fakeHost();
    h2.live = KEEP_YOUNG_ABOVE_BYTES;
    const m2 = new MemoryKeeper(h2.host);
    h2.heap = 400 * MB;
    m2.afterWork();
    h2.advance(60_000);
    assert.deepEqual(h2.gcs, [`compact@${COMPACT_IDLE_MS}`, `full@${COMPACT_IDLE_MS + SHRINK_IDLE_MS}`]);
  });

  test('without a GC function it does nothing and never throws', () => {
    const m = new MemoryKeeper(undefined);
    m.afterWork();
    m.touch();
    m.dispose();
  });

  test('after an edit that left the heap small, only the whole heap size is asked (the space list is not read)', () => {
    const h = fakeHost();
    let oldAsked = 0;
    const host: MemoryHost = { ...h.host, oldTotal: () => (oldAsked++, h.heap) };
    const m = new MemoryKeeper(host);
    h.heap = 10 * MB;
    h.young = 1 * MB;
    for (let i = 0; i < 5; i++) m.afterWork();
    assert.equal(oldAsked, 0);
    h.heap = 400 * MB;
    m.afterWork();
    assert.equal(oldAsked, 1);
    h.advance(COMPACT_IDLE_MS);
    assert.deepEqual(h.gcs, [`compact@${COMPACT_IDLE_MS}`]);
  });

  test('in this process: the host runs real full GCs (an unreachable object is gone after each kind)', async () => {
    const host = processMemoryHost();
    assert.ok(host, 'V8 gives a gc function');
    for (const compact of [true, false]) {
      // A WeakRef's target stays alive until the current job ends: drop it, yield, then collect.
      const ref = new WeakRef(Array.from({ length: 50_000 }, (_, i) => ({ i })));
      await new Promise((r) => setImmediate(r));
      host.collect(compact);
      assert.equal(ref.deref(), undefined, compact ? 'compacting GC' : 'full GC');
    }
    assert.ok(host.oldTotal() > 0 && host.youngTotal() > 0);
    assert.ok(host.heapTotal() > host.youngTotal() && host.heapTotal() >= host.oldTotal(), 'the whole heap holds both generations');
  });
});
