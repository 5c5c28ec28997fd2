/**
 * Node helpers of the incremental parser (incremental.ts): ranges in document order, where entries start and end,
 * and the mappings with repeated keys.
 */
import { YAMLMap, YAMLSeq, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { lineStartOf } from './incrementalText';
import type { TextLike } from '../util/pieceText';

export type Range3 = [number, number, number];
export type Collection = YAMLMap | YAMLSeq;
export type Entry = Pair | Node;

/** A mapping whose keys repeat (kept with the cache so that an edit re-checks only the mappings it touched). */
export interface DuplicateRecord {
  map: YAMLMap;
  /** [repeated pair, first pair with that key]. */
  pairs: [Pair, Pair][];
  /**
   * The collections from the root down to `map` (set by the incremental parser): reading their items brings the
   * pairs' ranges up to date after deferred moves (incrementalShift.ts). Undefined when not found.
   */
  chain?: Collection[];
}

export function rangeOf(n: unknown): Range3 | undefined {
  return (n as { range?: Range3 | null } | null | undefined)?.range ?? undefined;
}

/** The ranges of a subtree's nodes in pre-order (document order). */
export function rangesOf(root: unknown, out: Range3[] = []): Range3[] {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (!n) continue;
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    const r = rangeOf(n);
    if (r) out.push(r);
    if (isMap(n) || isSeq(n)) {
      const items = n.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    }
  }
  return out;
}

/** First offset of an entry (the key of a pair, the content of an item). */
export function entryStart(e: Entry): number | undefined {
  if (isPair(e)) return rangeOf(e.key)?.[0];
  return rangeOf(e)?.[0];
}

/** Last offset of an entry's content. */
export function entryEnd(e: Entry, withComments = false): number | undefined {
  const i = withComments ? 2 : 1;
  if (isPair(e)) return rangeOf(e.value)?.[i] ?? rangeOf(e.key)?.[i];
  return rangeOf(e)?.[i];
}

/**
 * The column where an entry starts its line, when nothing but its indentation (and, in a sequence, its `- `)
 * comes before it on that line; undefined otherwise.
 */
export function alignedColumn(text: TextLike, e: Entry, inSeq: boolean): number | undefined {
  const s = entryStart(e);
  if (s === undefined) return undefined;
  const ls = lineStartOf(text, s);
  let j = ls;
  while (j < s && text.charCodeAt(j) === 32) j++;
  if (!inSeq) return j === s ? j - ls : undefined;
  if (text.charCodeAt(j) !== 45 /* - */) return undefined;
  const col = j - ls;
  j++;
  if (j >= s) return undefined; // `-` directly followed by the content
  while (j < s && text.charCodeAt(j) === 32) j++;
  return j === s ? col : undefined;
}

export function blockCollection(n: unknown): Collection | undefined {
  return (isMap(n) || isSeq(n)) && !n.flow ? n : undefined;
}

/** Key text as used by the duplicate check (see keyText in parse.ts). */
function keyOf(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? 'null' : String(key.value);
  return undefined;
}

/** The repeated keys of one mapping (merge keys `<<` may repeat). */
export function duplicatesOf(map: YAMLMap): DuplicateRecord | undefined {
  let pairs: [Pair, Pair][] | undefined;
  const items = map.items;
  if (items.length < 2) return undefined;
  const seen = new Map<string, Pair>();
  for (const p of items) {
    const k = keyOf(p.key);
    if (k === undefined || k === '<<' || !rangeOf(p.key)) continue;
    const first = seen.get(k);
    if (first) (pairs ??= []).push([p, first]);
    else seen.set(k, p);
  }
  return pairs ? { map, pairs } : undefined;
}

/** Every mapping with repeated keys in a subtree. */
export function duplicatesIn(root: unknown, out: DuplicateRecord[]): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) {
      if (n.key && !isScalar(n.key)) stack.push(n.key);
      stack.push(n.value);
    } else if (isMap(n)) {
      const d = duplicatesOf(n);
      if (d) out.push(d);
      for (const it of n.items) stack.push(it);
    } else if (isSeq(n)) {
      for (const it of n.items) stack.push(it);
    }
  }
}

/** Every mapping in a subtree. */
export function collectMaps(root: unknown, out: Set<unknown>): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) stack.push(n.key, n.value);
    else if (isMap(n) || isSeq(n)) {
      if (isMap(n)) out.add(n);
      for (const it of n.items as unknown[]) stack.push(it);
    }
  }
}

export function stretch(r: Range3 | undefined, oldEnd: number, delta: number): void {
  if (!r) return;
  if (r[1] >= oldEnd) r[1] += delta;
  if (r[2] >= oldEnd) r[2] += delta;
}

/** Collection nesting inside a subtree. */
export function nestingOf(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (isPair(n)) {
      stack.push([n.key, d], [n.value, d]);
    } else if (isMap(n) || isSeq(n)) {
      if (d > max) max = d;
      for (const it of n.items as unknown[]) stack.push([it, d + 1]);
    }
  }
  return max;
}

/**
 * The collections from `root` down to `target`, found by offsets (a binary search of the entries at each level),
 * or undefined when `target` is not the value or item of an entry on the way (a complex key, say). The ranges on
 * the way must be up to date: reading a collection's items brings its entries' ranges up to date.
 */
export function chainTo(root: Collection, target: Collection): Collection[] | undefined {
  const at = rangeOf(target)?.[0];
  if (at === undefined) return undefined;
  const chain: Collection[] = [root];
  let coll = root;
  while (coll !== target) {
    const items = coll.items as Entry[];
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((entryStart(items[mid]) ?? Infinity) <= at) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return undefined;
    const e = items[lo - 1];
    const next = isPair(e) ? e.value : e;
    if (!isMap(next) && !isSeq(next)) return undefined;
    chain.push(next);
    coll = next;
  }
  return chain;
}

/**
 * Whether the last node of a collection's subtree (its last entry's value, down through collections) is empty
 * (`key:` with nothing after it, a bare `-`): yaml lets the comment lines after such a node join it.
 */
export function endsEmpty(c: Collection): boolean {
  let n: unknown = c;
  while (isMap(n) || isSeq(n)) {
    const items = n.items as unknown[];
    const last = items[items.length - 1] as Entry | undefined;
    if (!last) return true;
    n = isPair(last) ? last.value : last;
  }
  return isEmptyNode(n);
}

/** A node with no characters of its own (a missing key or value): yaml places it by the tokens before it. */
export function isEmptyNode(n: unknown): boolean {
  const r = rangeOf(n);
  return !n || !r || r[0] === r[1];
}
