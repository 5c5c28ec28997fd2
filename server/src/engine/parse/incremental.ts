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
 * difference (lazily: incrementalShift.ts) and the ancestors' ends follow.
 *
 * Used only when it cannot change the result, else the caller parses the whole text:
 *  - the previous version is one document, with no directive, document marker, anchor, alias or complex key,
 *    that parsed with no error or warning into a block mapping;
 *  - the re-parsed block has none of these either, parses with no error or warning into a block collection of
 *    the same kind at the same column, and the lines around it still end it where they did: whole lines in the old
 *    and the new text, no entry of an ancestor inside it, no comment line after its last content line nor, indented
 *    deeper than its entries, right after it (yaml gives such comments to a collection the block cannot see).
 * The ends of the collections around the block follow their last entry (settleEnds).
 * The equivalence with full parses is checked by test/unit/incremental.test.ts (fast-check, random edits).
 *
 * A cache belongs to one document (one URI): the cached document is mutated in place (nodes spliced and
 * shifted), so a document returned for an older version must not be used once a newer one was parsed.
 */
import { Document, YAMLMap, isMap, isPair, isScalar, isSeq } from 'yaml';
import { composeDocuments } from './compose';
import { utf8Length } from '../util/utf8';
import { blockEnd, deeperCommentAt, lastContentLine, lineStartOf, textDiff, updateLineStarts } from './incrementalText';
import { moveEntry, settleRecords } from './incrementalShift';
import {
  alignedColumn,
  blockCollection,
  chainTo,
  collectMaps,
  duplicatesIn,
  duplicatesOf,
  endsEmpty,
  entryEnd,
  entryStart,
  isEmptyNode,
  nestingOf,
  rangeOf,
  rangesOf,
  stretch,
  type Collection,
  type DuplicateRecord,
  type Entry,
  type Range3,
} from './incrementalNodes';
import { flat, type TextLike } from '../util/pieceText';

export { commonPrefix, commonSuffix, noteEdit, textDiff } from './incrementalText';
export { duplicatesOf, type DuplicateRecord } from './incrementalNodes';

/**
 * Below this size a full parse is cheap enough. Above it, re-parsing the edited block pays even on small files:
 * the analysis of an edit (bench/_lsp-inproc.mjs, 3,000 edits, p50) on the 100-line bench file takes 0.24–0.29 ms
 * instead of 0.87–0.92 ms with a full parse, on the 823-character seed 0.17 ms instead of 0.30 ms.
 */
export const INCREMENTAL_MIN_LENGTH = 512;

/** Constructs the incremental path does not follow across blocks (anchors and aliases, directives, complex keys). */
const UNSUPPORTED = /^(---|\.\.\.|%)|(?:^|[\s[{,:-])[&*][^\s,[\]{}]|^\s*\? |^\s*: /m;

export class ParseCache {
  /** The last text that parsed cleanly, its document, line starts and UTF-8 size. */
  text: TextLike | undefined;
  doc: Document.Parsed | undefined;
  lineStarts: number[] = [];
  utf8Size = 0;
  /** Mappings with repeated keys in `doc`. */
  duplicates: DuplicateRecord[] = [];
  /** Collections of `doc` whose entries have yet to move (incrementalShift.ts). */
  waiting = new Set<Collection>();
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
    this.waiting = new Set();
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
  remember(text: TextLike, docs: readonly Document.Parsed[], lineStarts: number[], utf8Size: number, duplicates: DuplicateRecord[]): void {
    // A version the incremental path cannot follow (e.g. a syntax error while typing) keeps the last clean one
    // as the base: the next edit is compared with it, and re-parses the block again once it is clean.
    if (text.length < INCREMENTAL_MIN_LENGTH || docs.length !== 1) return;
    const doc = docs[0];
    const root = doc.contents;
    if (doc.errors.length || doc.warnings.length || !isMap(root) || root.flow || UNSUPPORTED.test(flat(text))) return;
    this.reset();
    this.text = text;
    this.doc = doc;
    this.lineStarts = lineStarts;
    this.utf8Size = utf8Size;
    this.duplicates = duplicates;
    for (const d of duplicates) d.chain = chainTo(root, d.map);
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

/* ------------------------------------------------------------------ parse */

/** Where the old and new texts differ: [p, oldChangeEnd) in the old text became [p, newChangeEnd) in the new one. */
interface Change {
  p: number;
  oldChangeEnd: number;
  newChangeEnd: number;
  delta: number;
}

interface Level {
  coll: Collection;
  /** The entry of this collection that holds the change (set while descending). */
  index: number;
}

/** The entries first..last of `coll` (below the collections of `path`) hold the change; they start at column `col`. */
interface Block {
  path: Level[];
  coll: Collection;
  first: number;
  last: number;
  col: number;
}

/** The block's entries re-parsed: `fresh` replaces the old entries first..stop-1 (text [chunkStart, oldEnd)). */
interface Reparsed {
  fresh: Collection;
  chunkStart: number;
  oldEnd: number;
  stop: number;
  depth: number;
}

/**
 * The new text's document, built from the previous one by re-parsing only the block an edit touched; undefined
 * when the incremental path does not apply (the caller then parses the whole text and calls `remember`).
 */
export function parseIncrementally(text: TextLike, cache: ParseCache): IncrementalResult | undefined {
  const old = cache.text;
  const doc = cache.doc;
  if (old === undefined || !doc || text.length < INCREMENTAL_MIN_LENGTH) return undefined;
  cache.lastParsedChars = 0;
  if (old === text) return { doc, lineStarts: cache.lineStarts, utf8Size: cache.utf8Size, duplicates: cache.duplicates, changedDepth: 0 };
  const change = changeOf(old, text);
  if (!change) return undefined;
  const block = findBlock(old, doc.contents as YAMLMap, change);
  if (!block) return undefined;
  const re = reparse(text, block, change, cache);
  if (!re) return undefined;
  const removed = block.coll.items.slice(block.first, re.stop) as Entry[];

  // Commit: splice, move what follows, stretch the ancestors; then the duplicates, line starts and size.
  const keep = keptDuplicates(cache.duplicates, block.coll, removed);
  splice(cache, doc, block, re, change.delta);
  for (const e of re.fresh.items as unknown[]) duplicatesIn(isPair(e) ? e.value : e, keep);
  for (const e of re.fresh.items as unknown[]) if (isPair(e) && e.key && !isScalar(e.key)) duplicatesIn(e.key, keep);
  if (isMap(block.coll)) {
    const d = duplicatesOf(block.coll);
    if (d) keep.push(d);
  }
  // The records point into the tree past its collections' `items`: what they point at must have moved.
  for (const d of keep) d.chain ??= chainTo(doc.contents as YAMLMap, d.map);
  settleRecords(keep, cache.waiting);
  const { p, oldChangeEnd, newChangeEnd, delta } = change;
  const lineStarts = updateLineStarts(cache.lineStarts, text, p, oldChangeEnd, newChangeEnd, delta);
  const utf8Size = cache.utf8Size - utf8Length(old.slice(p, oldChangeEnd)) + utf8Length(text.slice(p, newChangeEnd));
  cache.text = text;
  cache.lineStarts = lineStarts;
  cache.utf8Size = utf8Size;
  cache.duplicates = keep;
  return { doc, lineStarts, utf8Size, duplicates: keep, changedDepth: re.depth };
}

/** The changed region; undefined when the edited lines bring in what the incremental path cannot follow, or a NUL byte. */
function changeOf(old: TextLike, text: TextLike): Change | undefined {
  const { prefix: p, suffix: s } = textDiff(old, text);
  const newChangeEnd = text.length - s;
  const changed = text.slice(lineStartOf(text, p), Math.min(text.length, text.indexOf('\n', newChangeEnd) + 1 || text.length));
  if (changed.includes('\u0000') || UNSUPPORTED.test(changed)) return undefined;
  return { p, oldChangeEnd: old.length - s, newChangeEnd, delta: text.length - old.length };
}

/** In one collection: the entries that hold the change (first..last) and the column they start at. */
function entriesAt(old: TextLike, coll: Collection, change: Change): { first: number; last: number; col: number } | undefined {
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
    if (ls <= change.p) lo = mid + 1;
    else hi = mid;
  }
  const first = lo - 1;
  if (first < 0) return undefined; // before the first entry (leading comments): the parent re-parses
  // ... and the last one that starts before the change ends, or right at its end when the change took the line
  // break before it (that entry's line now continues another line: `# comment\nkey:` → `# commekey:`).
  let last = first;
  while (last + 1 < items.length && lineOf(last + 1) <= change.oldChangeEnd) last++;
  const col = alignedColumn(old, items[first], isSeq(coll));
  return col === undefined ? undefined : { first, last, col };
}

/** Descends from the root mapping to the smallest block collection entry that holds the whole change. */
function findBlock(old: TextLike, root: YAMLMap, change: Change): Block | undefined {
  const path: Level[] = [];
  let coll: Collection = root;
  for (;;) {
    const at = entriesAt(old, coll, change);
    if (!at) return undefined;
    const { first, last } = at;
    if (first !== last) return { path, coll, ...at };
    const e = coll.items[first] as Entry;
    const value = blockCollection(isPair(e) ? e.value : e);
    const st = entryStart(e)!;
    const firstLineEnd = old.indexOf('\n', st);
    // Descend while the change is below the entry's first line and inside its value's entries.
    if (!value || firstLineEnd < 0 || change.p <= firstLineEnd || value.items.length === 0) return { path, coll, ...at };
    const inner = entryStart(value.items[0] as Entry);
    if (inner === undefined || lineStartOf(old, inner) > change.p) return { path, coll, ...at };
    if (alignedColumn(old, value.items[0] as Entry, isSeq(value)) === undefined) return { path, coll, ...at };
    path.push({ coll, index: first });
    coll = value;
  }
}

/** Re-parses the lines of the block's entries (as changed), up to where the block ends in the new text. */
function reparse(text: TextLike, block: Block, change: Change, cache: ParseCache): Reparsed | undefined {
  const { coll, first, last, col } = block;
  const inSeq = isSeq(coll);
  const items = coll.items as Entry[];
  const chunkStart = lineStartOf(cache.text!, entryStart(items[first])!);
  const newEnd = blockEnd(text, chunkStart, col, inSeq, Math.max(change.newChangeEnd, chunkStart));
  const oldEnd = newEnd - change.delta;
  if (oldEnd < change.oldChangeEnd || newEnd < change.newChangeEnd) return undefined;
  // A comment right after the block and indented deeper than its entries belongs to the block's last collection
  // in a full parse (its range ends after it); the chunk leaves it out, so the whole text is parsed instead.
  if (deeperCommentAt(text, newEnd, col)) return undefined;
  // The old text's block must end at a line start too (else the lines after it changed: `# c---\nomment`), and
  // no entry of an ancestor may start inside it (its line would now be part of the block).
  const old = cache.text!;
  if (oldEnd > 0 && oldEnd < old.length && old.charCodeAt(oldEnd - 1) !== 10) return undefined;
  for (const lv of block.path) {
    const next = lv.coll.items[lv.index + 1] as Entry | undefined;
    if (next && (entryStart(next) ?? Infinity) < oldEnd) return undefined;
  }
  // The old entries the block replaces: all of them must lie inside [chunkStart, oldEnd), the rest outside.
  let stop = last + 1;
  while (stop < items.length && (entryStart(items[stop]) ?? 0) < oldEnd) stop++;
  if ((entryEnd(items[stop - 1]) ?? Infinity) > oldEnd) return undefined;
  const chunk = text.slice(chunkStart, newEnd);
  if (UNSUPPORTED.test(chunk) || chunk.includes('\u0000')) return undefined;
  // The same composer as a full parse (parse.ts), so that re-parsed nodes are built as the others are.
  const parts = composeDocuments(chunk, undefined);
  if (parts.length !== 1) return undefined;
  const part = parts[0];
  cache.parsed++;
  cache.parsedChars += chunk.length;
  cache.lastParsedChars = chunk.length;
  const proot = part.contents;
  if (part.errors.length || part.warnings.length) return undefined;
  if (inSeq ? !isSeq(proot) : !isMap(proot)) return undefined;
  const fresh = proot as Collection;
  if (fresh.flow || fresh.items.length === 0) return undefined;
  // Comment lines after the chunk's last content line are trailing comments of some collection in or around the
  // block, which only the whole text can place.
  const tail = lastContentLine(chunk);
  if (tail?.commentAfter) return undefined;
  // An empty last node (`key:` while its value is being typed) takes a comment on its line or after the block,
  // with the line breaks and indentation up to the next content (its range's end).
  const hashOnLast = tail !== undefined && chunk.slice(tail.start, tail.end).includes('#');
  if (endsEmpty(fresh) && (hashOnLast || deeperCommentAt(text, newEnd, -1))) return undefined;
  // The new entries must start at the block's column, each on its own line.
  // (A key-less entry, `: v`, gets its empty key placed by what precedes the chunk: the whole text decides.)
  for (const e of fresh.items as Entry[]) if (alignedColumn(chunk, e, inSeq) !== col || (isPair(e) && isEmptyNode(e.key))) return undefined;
  return { fresh, chunkStart, oldEnd, stop, depth: block.path.length + 1 + nestingOf(fresh) };
}

/**
 * The ends of the collections around the block, innermost first. As yaml composes a block collection
 * (compose/resolve-block-map.js, resolve-block-seq.js), its range is [start, end of its last entry, end of its
 * trailing comments or that same end]. A collection whose last entry was replaced (or holds the one that was) ends
 * where that entry ends now; its trailing comments, if any, lie after the block (reparse leaves otherwise) and
 * move with the text. The others' ends move when they lie after the block.
 */
function settleEnds(doc: Document.Parsed, block: Block, oldEnd: number, delta: number, lastReplaced: boolean): void {
  let last = lastReplaced;
  let c: Collection = block.coll;
  for (let k = block.path.length; ; k--) {
    const r = rangeOf(c);
    if (r && last) {
      const [end, commentEnd] = [r[1], r[2]];
      r[1] = entryEnd(c.items[c.items.length - 1] as Entry, true) ?? r[1];
      r[2] = commentEnd > end && commentEnd > oldEnd ? commentEnd + delta : r[1];
    } else if (delta !== 0) stretch(r, oldEnd, delta);
    if (k === 0) break;
    // The level up holds `c` in its entry `index`: `c`'s end is its end only when that entry is its last.
    const up = block.path[k - 1];
    last &&= up.index === up.coll.items.length - 1;
    c = up.coll;
  }
  const root = rangeOf(doc.contents);
  if (root) {
    if (delta !== 0 && doc.range[2] >= oldEnd) doc.range[2] += delta;
    doc.range[1] = root[2];
  }
}

/** The duplicate records that survive: not those of the removed subtrees nor of the spliced mapping (checked again). */
function keptDuplicates(records: DuplicateRecord[], coll: Collection, removed: Entry[]): DuplicateRecord[] {
  if (!records.length) return [];
  const gone = new Set<unknown>();
  for (const e of removed) collectMaps(e, gone);
  return records.filter((d) => d.map !== coll && !gone.has(d.map));
}

/** Puts the re-parsed entries in place of the old ones and moves what follows (lazily, incrementalShift.ts). */
function splice(cache: ParseCache, doc: Document.Parsed, block: Block, re: Reparsed, delta: number): void {
  const { coll, path, first } = block;
  const freshRanges: Range3[] = [];
  for (const e of re.fresh.items as unknown[]) rangesOf(e, freshRanges);
  for (const r of freshRanges) {
    r[0] += re.chunkStart;
    r[1] += re.chunkStart;
    r[2] += re.chunkStart;
  }
  const items = coll.items as Entry[];
  const lastReplaced = re.stop === items.length;
  items.splice(first, re.stop - first, ...(re.fresh.items as Entry[]));
  if (delta !== 0) {
    // The nodes after the block: the entries after it in its collection and after the path in each ancestor.
    for (let i = first + re.fresh.items.length; i < items.length; i++) moveEntry(items[i], delta, cache.waiting);
    for (const lv of path) {
      const up = lv.coll.items as Entry[];
      for (let i = lv.index + 1; i < up.length; i++) moveEntry(up[i], delta, cache.waiting);
    }
  }
  settleEnds(doc, block, re.oldEnd, delta, lastReplaced);
  // Containers whose subtree changed get a new version (rules may reuse results computed for the others).
  cache.touch(coll);
  for (const lv of path) {
    cache.touch(lv.coll);
    const e = lv.coll.items[lv.index] as Entry;
    cache.touch(e);
    if (isPair(e) && e.value) cache.touch(e.value);
  }
  cache.touch(doc);
}
