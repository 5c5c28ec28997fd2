/**
 * Incremental parsing for the editor: after an edit, only the smallest block that contains it is parsed
 * again, at any depth (a `replicas:` line inside a component inside `agentValues`, not the whole top-level
 * block), and the new nodes are spliced into the previous document. The cost of an edit follows the size of
 * the block it touches, not the size of the file.
 *
 * How: the previous text and document are kept (the last version that parsed cleanly). The changed region is
 * the text between the common prefix and the common suffix of the old and new texts. Starting at the root
 * mapping, the walk descends into the entry (mapping pair or sequence item) that holds the whole change while
 * that entry's value is a block collection and the change lies below the entry's first line. The entries it
 * stops at are re-parsed on their own (a block mapping or sequence indented as in the file parses to the same
 * nodes), shifted to their offsets, and replace the old entries; every node after them moves by the length
 * difference and the ancestors' ends follow.
 *
 * Used only when it cannot change the result, else the caller parses the whole text:
 *  - the previous version is one document, with no directive, document marker, anchor, alias or complex key,
 *    that parsed with no error or warning into a block mapping;
 *  - the re-parsed block has none of these either, parses with no error or warning into a block collection of
 *    the same kind at the same column, and the lines around it still end it where they did.
 * The equivalence with full parses is checked by test/unit/incremental.test.ts (fast-check, random edits).
 *
 * A cache belongs to one document (one URI): the cached document is mutated in place (nodes spliced and
 * shifted), so a document returned for an older version must not be used once a newer one was parsed.
 */
import { Document, YAMLMap, YAMLSeq, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, Pair } from 'yaml';
import { utf8Length } from '../util/utf8';

/** Below this size a full parse is cheap enough. */
export const INCREMENTAL_MIN_LENGTH = 16 * 1024;

/** Parser options of every parse (the same as the full parse in parse.ts). */
const OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true } as const;

/** Constructs the incremental path does not follow across blocks (anchors and aliases, directives, complex keys). */
const UNSUPPORTED = /^(---|\.\.\.|%)|(?:^|[\s[{,:-])[&*][^\s,[\]{}]|^\s*\? |^\s*: /m;

type Range3 = [number, number, number];
type Collection = YAMLMap | YAMLSeq;
type Entry = Pair | Node;

/** A mapping whose keys repeat (kept with the cache so that an edit re-checks only the mappings it touched). */
export interface DuplicateRecord {
  map: YAMLMap;
  /** [repeated pair, first pair with that key]. */
  pairs: [Pair, Pair][];
}

export class ParseCache {
  /** The last text that parsed cleanly, its document, line starts and UTF-8 size. */
  text: string | undefined;
  doc: Document.Parsed | undefined;
  lineStarts: number[] = [];
  utf8Size = 0;
  /** Mappings with repeated keys in `doc`. */
  duplicates: DuplicateRecord[] = [];
  /**
   * The range of every node of `doc` in document order (pre-order, so sorted by start): an edit moves the
   * nodes after it with one pass over a flat array instead of a walk over the tree.
   */
  ranges: Range3[] = [];
  /** Counters for tests and benchmarks: blocks re-parsed, characters re-parsed, full parses remembered. */
  parsed = 0;
  parsedChars = 0;
  full = 0;
  /** Characters re-parsed by the last incremental parse (0 when the text did not change). */
  lastParsedChars = 0;
  /** Bumped whenever a node's subtree changes; lets later steps reuse what they computed for unchanged subtrees. */
  readonly versions = new WeakMap<object, number>();
  private clock = 0;

  /** Forget everything (the next parse is a full one). */
  reset(): void {
    this.text = undefined;
    this.doc = undefined;
    this.lineStarts = [];
    this.duplicates = [];
    this.ranges = [];
  }

  /** The version of a node's subtree: equal across two parses when nothing below it changed. */
  versionOf(node: object): number {
    return this.versions.get(node) ?? 0;
  }

  touch(node: object): void {
    this.versions.set(node, ++this.clock);
  }

  /**
   * Keeps a full parse's result as the base for the next edits, when the incremental path can follow it.
   * `duplicates` are the repeated keys found by the full walk.
   */
  remember(text: string, docs: readonly Document.Parsed[], lineStarts: number[], utf8Size: number, duplicates: DuplicateRecord[]): void {
    // A version the incremental path cannot follow (e.g. a syntax error while typing) keeps the last clean one
    // as the base: the next edit is compared with it, and re-parses the block again once it is clean.
    if (text.length < INCREMENTAL_MIN_LENGTH || docs.length !== 1) return;
    const doc = docs[0];
    const root = doc.contents;
    if (doc.errors.length || doc.warnings.length || !isMap(root) || root.flow || UNSUPPORTED.test(text)) return;
    this.reset();
    this.text = text;
    this.doc = doc;
    this.lineStarts = lineStarts;
    this.utf8Size = utf8Size;
    this.duplicates = duplicates;
    this.ranges = rangesOf(root);
    this.full++;
  }
}

/** What an incremental parse produced for the new text. */
export interface IncrementalResult {
  doc: Document.Parsed;
  lineStarts: number[];
  utf8Size: number;
  duplicates: DuplicateRecord[];
  /** Collection nesting around and inside the re-parsed block (an upper estimate, for the nesting guard). */
  changedDepth: number;
}

/* ------------------------------------------------------------------ text */

/** Length of the common prefix of two strings (compares in blocks, so long equal runs cost a memcmp). */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  let step = 1 << 16;
  while (step >= 64) {
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
    step >>= 2;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of two strings, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  const n = Math.min(a.length, b.length, max);
  let i = 0;
  let step = 1 << 16;
  while (step >= 64) {
    while (i + step <= n && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i)) i += step;
    step >>= 2;
  }
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}


/**
 * Where the block of entries starting on the line at `from` (column `col`) ends: after the last line that
 * continues it (a content line indented deeper, or, for entries of a mapping, a `-` item at the same column);
 * blank and comment lines count only when a continuation line follows them.
 */
function blockEnd(text: string, from: number, col: number, inSeq: boolean, atLeast: number): number {
  let end = text.indexOf('\n', from);
  end = end < 0 ? text.length : end + 1;
  let i = end;
  while (i < text.length) {
    const nl = text.indexOf('\n', i);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    let j = i;
    while (j < lineEnd && text.charCodeAt(j) === 32) j++;
    const c = text.charCodeAt(j);
    const blank = j >= lineEnd || c === 10 || c === 13 || c === 35; /* # */
    if (!blank) {
      const column = j - i;
      const dash = c === 45 && (j + 1 >= text.length || text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 10 || text.charCodeAt(j + 1) === 13);
      const continues = column > col || (column === col && dash && !inSeq);
      if (!continues && i >= atLeast) break;
      end = lineEnd;
    } else if (i < atLeast) {
      end = lineEnd;
    }
    i = lineEnd;
  }
  return end;
}

/* ----------------------------------------------------------------- nodes */

function rangeOf(n: unknown): Range3 | undefined {
  return (n as { range?: Range3 | null } | null | undefined)?.range ?? undefined;
}

/** The ranges of a subtree's nodes in pre-order (document order). */
function rangesOf(root: unknown, out: Range3[] = []): Range3[] {
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
function entryStart(e: Entry): number | undefined {
  if (isPair(e)) return rangeOf(e.key)?.[0];
  return rangeOf(e)?.[0];
}

/** Last offset of an entry's content. */
function entryEnd(e: Entry): number | undefined {
  if (isPair(e)) return rangeOf(e.value)?.[1] ?? rangeOf(e.key)?.[1];
  return rangeOf(e)?.[1];
}

/**
 * The column where an entry starts its line, when nothing but its indentation (and, in a sequence, its `- `)
 * comes before it on that line; undefined otherwise.
 */
function alignedColumn(text: string, e: Entry, inSeq: boolean): number | undefined {
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

function blockCollection(n: unknown): Collection | undefined {
  return (isMap(n) || isSeq(n)) && !n.flow ? n : undefined;
}

/* ------------------------------------------------------------- duplicates */

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
function duplicatesIn(root: unknown, out: DuplicateRecord[]): void {
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

/* ------------------------------------------------------------------ parse */

interface Level {
  coll: Collection;
  /** The entry of this collection that holds the change (set while descending). */
  index: number;
}

/**
 * The new text's document, built from the previous one by re-parsing only the block an edit touched; undefined
 * when the incremental path does not apply (the caller then parses the whole text and calls `remember`).
 */
export function parseIncrementally(text: string, cache: ParseCache): IncrementalResult | undefined {
  const old = cache.text;
  const doc = cache.doc;
  if (old === undefined || !doc || text.length < INCREMENTAL_MIN_LENGTH) return undefined;
  cache.lastParsedChars = 0;
  if (old === text) return { doc, lineStarts: cache.lineStarts, utf8Size: cache.utf8Size, duplicates: cache.duplicates, changedDepth: 0 };
  const p = commonPrefix(old, text);
  const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
  const oldChangeEnd = old.length - s;
  const newChangeEnd = text.length - s;
  const delta = text.length - old.length;
  // The edited text must not bring in what the incremental path cannot follow, nor a NUL byte.
  const changed = text.slice(lineStartOf(text, p), Math.min(text.length, text.indexOf('\n', newChangeEnd) + 1 || text.length));
  if (changed.includes('\u0000') || UNSUPPORTED.test(changed)) return undefined;

  // Descend to the smallest block collection entry that holds the whole change.
  const root = doc.contents as YAMLMap;
  const path: Level[] = [];
  let coll: Collection = root;
  let first: number;
  let last: number;
  let col: number;
  for (;;) {
    const inSeq = isSeq(coll);
    const items = coll.items as Entry[];
    // Entries whose line starts at or before the change start, and those that start before its end.
    const lineOf = (i: number): number => {
      const st = entryStart(items[i]);
      return st === undefined ? NaN : lineStartOf(old, st);
    };
    // Entries are in text order: the last one whose line starts at or before the change (binary search) ...
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const ls = lineOf(mid);
      if (Number.isNaN(ls)) return undefined;
      if (ls <= p) lo = mid + 1;
      else hi = mid;
    }
    first = lo - 1;
    if (first < 0) return undefined; // before the first entry (leading comments): the parent re-parses
    // ... and the last one that starts before the change ends.
    last = first;
    while (last + 1 < items.length && lineOf(last + 1) < oldChangeEnd) last++;
    const c = alignedColumn(old, items[first], inSeq);
    if (c === undefined) return undefined;
    col = c;
    if (first !== last) break;
    const e = items[first];
    const value = blockCollection(isPair(e) ? e.value : e);
    const st = entryStart(e)!;
    const firstLineEnd = old.indexOf('\n', st);
    // Descend while the change is below the entry's first line and inside its value's entries.
    if (!value || firstLineEnd < 0 || p <= firstLineEnd || value.items.length === 0) break;
    const inner = entryStart(value.items[0] as Entry);
    if (inner === undefined || lineStartOf(old, inner) > p) break;
    if (alignedColumn(old, value.items[0] as Entry, isSeq(value)) === undefined) break;
    path.push({ coll, index: first });
    coll = value;
  }
  // Reparse the lines of entries first..last (as changed), up to where the block ends in the new text.
  const inSeq = isSeq(coll);
  const items = coll.items as Entry[];
  const chunkStart = lineStartOf(old, entryStart(items[first])!);
  const newEnd = blockEnd(text, chunkStart, col, inSeq, Math.max(newChangeEnd, chunkStart));
  const oldEnd = newEnd - delta;
  if (oldEnd < oldChangeEnd || newEnd < newChangeEnd) return undefined;
  // The old entries the block replaces: all of them must lie inside [chunkStart, oldEnd), the rest outside.
  let stop = last + 1;
  while (stop < items.length && (entryStart(items[stop]) ?? 0) < oldEnd) stop++;
  const lastOld = items[stop - 1];
  if ((entryEnd(lastOld) ?? Infinity) > oldEnd) return undefined;
  const chunk = text.slice(chunkStart, newEnd);
  if (UNSUPPORTED.test(chunk) || chunk.includes('\u0000')) return undefined;
  const part = parseDocument(chunk, OPTIONS) as Document.Parsed;
  cache.parsed++;
  cache.parsedChars += chunk.length;
  cache.lastParsedChars = chunk.length;
  const proot = part.contents;
  if (part.errors.length || part.warnings.length) return undefined;
  if (inSeq ? !isSeq(proot) : !isMap(proot)) return undefined;
  const fresh = proot as Collection;
  if (fresh.flow || fresh.items.length === 0) return undefined;
  // The new entries must start at the block's column, each on its own line.
  for (const e of fresh.items as Entry[]) if (alignedColumn(chunk, e, inSeq) !== col) return undefined;
  const depth = path.length + 1 + nestingOf(fresh);

  // The removed entries' ranges are one run of the range table (pre-order keeps a subtree together).
  const removed = items.slice(first, stop);
  const removedRanges: Range3[] = [];
  for (const e of removed) rangesOf(e, removedRanges);
  const table = cache.ranges;
  let at = -1;
  if (removedRanges.length) {
    const firstStart = removedRanges[0][0];
    let lo = 0;
    let hi = table.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (table[mid][0] < firstStart) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < table.length && table[i][0] === firstStart; i++) {
      if (table[i] === removedRanges[0]) {
        at = i;
        break;
      }
    }
  }
  if (at < 0 || table[at + removedRanges.length - 1] !== removedRanges[removedRanges.length - 1]) return undefined;

  // Commit: splice, shift what follows, stretch the ancestors.
  const freshRanges: Range3[] = [];
  for (const e of fresh.items as unknown[]) rangesOf(e, freshRanges);
  for (const r of freshRanges) {
    r[0] += chunkStart;
    r[1] += chunkStart;
    r[2] += chunkStart;
  }
  // Duplicates: drop the records of the removed subtrees and of the spliced mapping (checked again below).
  let keep: DuplicateRecord[] = [];
  if (cache.duplicates.length) {
    const gone = new Set<unknown>();
    for (const e of removed) collectMaps(e, gone);
    keep = cache.duplicates.filter((d) => d.map !== coll && !gone.has(d.map));
  }
  (coll.items as Entry[]).splice(first, stop - first, ...(fresh.items as Entry[]));
  const next = at + freshRanges.length;
  cache.ranges =
    freshRanges.length === removedRanges.length
      ? (freshRanges.forEach((r, i) => (table[at + i] = r)), table)
      : table.slice(0, at).concat(freshRanges, table.slice(at + removedRanges.length));
  if (delta !== 0) {
    // Every node after the block starts after it: move it.
    const all = cache.ranges;
    for (let i = next; i < all.length; i++) {
      const r = all[i];
      r[0] += delta;
      r[1] += delta;
      r[2] += delta;
    }
    for (const n of [coll, ...path.map((l) => l.coll)]) stretch(rangeOf(n), oldEnd, delta);
    stretch(doc.range, oldEnd, delta);
  }
  // Containers whose subtree changed get a new version (rules may reuse results computed for the others).
  cache.touch(coll);
  for (const lv of path) {
    cache.touch(lv.coll);
    const e = lv.coll.items[lv.index] as Entry;
    cache.touch(e);
    if (isPair(e) && e.value) cache.touch(e.value);
  }
  cache.touch(doc);

  for (const e of fresh.items as unknown[]) duplicatesIn(isPair(e) ? e.value : e, keep);
  for (const e of fresh.items as unknown[]) if (isPair(e) && e.key && !isScalar(e.key)) duplicatesIn(e.key, keep);
  if (isMap(coll)) {
    const d = duplicatesOf(coll);
    if (d) keep.push(d);
  }

  // Line starts and UTF-8 size follow the edit.
  const lineStarts = updateLineStarts(cache.lineStarts, text, p, oldChangeEnd, newChangeEnd, delta);
  const utf8Size = cache.utf8Size - utf8Length(old.slice(p, oldChangeEnd)) + utf8Length(text.slice(p, newChangeEnd));
  cache.text = text;
  cache.lineStarts = lineStarts;
  cache.utf8Size = utf8Size;
  cache.duplicates = keep;
  return { doc, lineStarts, utf8Size, duplicates: keep, changedDepth: depth };
}

/** Every mapping in a subtree. */
function collectMaps(root: unknown, out: Set<unknown>): void {
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

function stretch(r: Range3 | undefined, oldEnd: number, delta: number): void {
  if (!r) return;
  if (r[1] >= oldEnd) r[1] += delta;
  if (r[2] >= oldEnd) r[2] += delta;
}

/** Collection nesting inside a subtree. */
function nestingOf(root: unknown): number {
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

function updateLineStarts(old: number[], text: string, p: number, oldChangeEnd: number, newChangeEnd: number, delta: number): number[] {
  // Lines starting at or before p are unchanged; lines starting inside the changed region are rescanned;
  // lines starting after the old change end move by delta.
  let lo = 0;
  let hi = old.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (old[mid] <= p) lo = mid + 1;
    else hi = mid;
  }
  const added: number[] = [];
  for (let i = text.indexOf('\n', p); i >= 0 && i < newChangeEnd; i = text.indexOf('\n', i + 1)) added.push(i + 1);
  let k = lo;
  while (k < old.length && old[k] <= oldChangeEnd) k++;
  // In place (the array belongs to the cache's current version): usually the same number of lines.
  if (k - lo === added.length) for (let i = 0; i < added.length; i++) old[lo + i] = added[i];
  else {
    const moved = old.slice(k);
    for (let i = 0; i < moved.length; i++) moved[i] += delta;
    return old.slice(0, lo).concat(added, moved);
  }
  if (delta !== 0) for (; k < old.length; k++) old[k] += delta;
  return old;
}
