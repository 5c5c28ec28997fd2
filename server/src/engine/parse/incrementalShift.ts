/**
 * Moving the nodes after an edit, lazily (incremental.ts). An edit near the top of a big file moves nearly every
 * node; moving them all (three offsets in each of hundreds of thousands of ranges) cost more than the rest of the
 * edit. Instead, a (big) collection after the edit gets its own range moved at once and its entries *deferred*: its
 * `items` property holds a proxy of its array that, the first time anyone uses it, moves the entries' own ranges
 * (deferring their collections in turn) and puts the array itself back. A lint that reads a few blocks
 * moves only those; the rest waits, and deferrals of later edits add up.
 *
 * Airtight because every way into a collection's entries goes through its `items` array (the incremental path never
 * holds an alias, and the only other references the parse keeps into the tree, the duplicate-key records, are
 * settled along their way from the root before they are read: `settleRecords`). Equivalence with full parses: test/unit/incremental.test.ts.
 */
import { isMap, isPair, isSeq } from 'yaml';
import type { Collection, DuplicateRecord } from './incrementalNodes';

interface Deferred {
  items: unknown[];
  /** What `items` holds while the entries wait: a proxy of `items` that moves them on first use. */
  view: unknown[];
  /** How far the entries still have to move. */
  delta: number;
  /** The collections of one cache still waiting (for settleAll). */
  waiting: Set<Collection>;
}

const deferred = new WeakMap<object, Deferred>();

/**
 * The traps of a deferred collection's `items`: any use of the array (its length, an entry, a method, iteration)
 * moves the entries first, then reads the array itself. A proxy in the property, rather than an accessor property,
 * keeps the collection a fast-properties object: redefining `items` as an accessor turns it into a dictionary
 * object for good (V8), which made the first edit of a big file ~10 ms slower and every later read of it slower.
 */
class Pending implements ProxyHandler<unknown[]> {
  constructor(private readonly c: Collection) {}
  get(t: unknown[], k: string | symbol): unknown {
    settleIfWaiting(this.c);
    return Reflect.get(t, k);
  }
  set(t: unknown[], k: string | symbol, v: unknown): boolean {
    settleIfWaiting(this.c);
    return Reflect.set(t, k, v);
  }
  has(t: unknown[], k: string | symbol): boolean {
    settleIfWaiting(this.c);
    return Reflect.has(t, k);
  }
  ownKeys(t: unknown[]): (string | symbol)[] {
    settleIfWaiting(this.c);
    return Reflect.ownKeys(t);
  }
  getOwnPropertyDescriptor(t: unknown[], k: string | symbol): PropertyDescriptor | undefined {
    settleIfWaiting(this.c);
    return Reflect.getOwnPropertyDescriptor(t, k);
  }
  defineProperty(t: unknown[], k: string | symbol, d: PropertyDescriptor): boolean {
    settleIfWaiting(this.c);
    return Reflect.defineProperty(t, k, d);
  }
  deleteProperty(t: unknown[], k: string | symbol): boolean {
    settleIfWaiting(this.c);
    return Reflect.deleteProperty(t, k);
  }
}

function settleIfWaiting(c: Collection): void {
  if (deferred.has(c)) settle(c);
}

/** Moves a deferred collection's entries now (their own collections are deferred in turn); returns its items. */
function settle(c: Collection): unknown[] {
  const d = deferred.get(c)!;
  deferred.delete(c);
  d.waiting.delete(c);
  // (Unless something else was put in its place meanwhile.)
  if (c.items === d.view) c.items = d.items;
  for (const e of d.items) moveEntry(e, d.delta, d.waiting);
  return d.items;
}

/** Moves an entry (a mapping pair or a sequence item) and what it holds by `delta`, deferring its collections. */
export function moveEntry(e: unknown, delta: number, waiting: Set<Collection>): void {
  if (isPair(e)) {
    moveNode(e.key, delta, waiting);
    moveNode(e.value, delta, waiting);
  } else moveNode(e, delta, waiting);
}

/**
 * Collections written in at most this many characters (a few nodes) move at once, with what they hold: deferring
 * one and settling it later (two property redefinitions and the bookkeeping) costs more than moving them. On the
 * 200k-line bench file, a walk that settles everything after an edit then costs ~20 ms more than a plain walk
 * instead of ~75 ms; the edit itself costs the same.
 */
const EAGER_SPAN = 256;

function moveNode(n: unknown, delta: number, waiting: Set<Collection>): void {
  if (!n) return;
  const r = (n as { range?: [number, number, number] | null }).range;
  if (r) {
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
  if (!isMap(n) && !isSeq(n)) return;
  if (r && r[2] - r[0] <= EAGER_SPAN) for (const e of n.items as unknown[]) moveEntry(e, delta, waiting);
  else defer(n, delta, waiting);
}

function defer(c: Collection, delta: number, waiting: Set<Collection>): void {
  const d = deferred.get(c);
  if (d) {
    d.delta += delta;
    return;
  }
  const items = c.items as unknown[];
  if (items.length === 0) return;
  const view = new Proxy(items, new Pending(c));
  deferred.set(c, { items, view, delta, waiting });
  waiting.add(c);
  c.items = view;
}

/** Moves everything still waiting (collections settled here may defer others: the loop runs until none is left). */
export function settleAll(waiting: Set<Collection>): void {
  for (const c of waiting) settle(c);
}

/**
 * Brings the duplicate-key records' pairs up to date: the collections on the way to each record's mapping are
 * settled (everything still waiting when a record's way is not known). Cheaper than settleAll, which on a big file
 * moves nearly every node.
 */
export function settleRecords(records: readonly DuplicateRecord[], waiting: Set<Collection>): void {
  for (const d of records) {
    if (!d.chain) {
      settleAll(waiting);
      return;
    }
    for (const c of d.chain) if (deferred.has(c)) settle(c);
  }
}

/** Whether a collection's entries are still waiting to move (tests). */
export function isDeferred(c: object): boolean {
  return deferred.has(c);
}
