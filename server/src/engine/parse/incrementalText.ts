/**
 * Text helpers of the incremental parser (incremental.ts): where two versions of a text differ, where a block of
 * entries ends, and the line starts of the new text from the old ones. They read texts through TextLike
 * (util/pieceText.ts): a big document's pieces are never joined on this path.
 */
import type { TextLike } from '../util/pieceText';
import { firstAbove } from '../util/sorted';

/** The block sizes of the comparisons below (a block compare is a memcmp; a PieceText's slice may copy it). */
const MIN_BLOCK = 64;
const MAX_BLOCK = 1 << 16;

/**
 * Length of the common prefix of two texts after their first `from` characters (compares in blocks, so long
 * equal runs cost a memcmp).
 */
export function commonPrefix(a: TextLike, b: TextLike, from = 0): number {
  const n = Math.min(a.length, b.length);
  const same = (i: number, step: number): boolean => i + step <= n && a.slice(i, i + step) === b.slice(i, i + step);
  let i = from;
  // Blocks of growing size while they are equal (an edit's texts usually differ within a few characters), then
  // of shrinking size.
  let step = MIN_BLOCK;
  while (same(i, step)) {
    i += step;
    if (step < MAX_BLOCK) step <<= 2;
  }
  while (step > MIN_BLOCK) {
    step >>= 2;
    while (same(i, step)) i += step;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i - from;
}

/** Length of the common suffix of two texts before their last `skip` characters, at most `max`. */
export function commonSuffix(a: TextLike, b: TextLike, max: number, skip = 0): number {
  const n = Math.min(a.length - skip, b.length - skip, max);
  const [ea, eb] = [a.length - skip, b.length - skip];
  const same = (i: number, step: number): boolean => i + step <= n && a.slice(ea - i - step, ea - i) === b.slice(eb - i - step, eb - i);
  let i = 0;
  let step = MIN_BLOCK;
  while (same(i, step)) {
    i += step;
    if (step < MAX_BLOCK) step <<= 2;
  }
  while (step > MIN_BLOCK) {
    step >>= 2;
    while (same(i, step)) i += step;
  }
  while (i < n && a.charCodeAt(ea - 1 - i) === b.charCodeAt(eb - 1 - i)) i++;
  return i;
}

/** The last pair textDiff compared (one lint asks for the same pair several times: parser, text searches). */
let lastDiff: { a: TextLike; b: TextLike; prefix: number; suffix: number } | undefined;

/** The last edit an editor reported (noteEdit). */
let known: { before: TextLike; after: TextLike; start: number; beforeEnd: number } | undefined;

/**
 * Tells textDiff that `after` is `before` with its characters [start, beforeEnd) replaced, as the editor's
 * change events say: comparing the two then reads only around the edit instead of the whole texts (on a
 * 200,000-line file the full comparison cost more than re-parsing the edited block). The answer is the same:
 * the hint is used only for that exact pair of texts, and the prefix and suffix are extended from it.
 */
export function noteEdit(before: TextLike, after: TextLike, start: number, beforeEnd: number): void {
  const ok = start >= 0 && start <= beforeEnd && beforeEnd <= before.length && after.length - (before.length - beforeEnd) >= start;
  known = ok ? { before, after, start, beforeEnd } : undefined;
}

/**
 * The common prefix and the common suffix (not overlapping the prefix) of two texts. The answer for the last
 * pair is kept: the incremental parser and the text searches of one lint (util/textSearch.ts) compare an edited
 * text with its previous version once, not once each.
 */
export function textDiff(a: TextLike, b: TextLike): { prefix: number; suffix: number } {
  if (lastDiff && lastDiff.a === a && lastDiff.b === b) return lastDiff;
  let prefix: number;
  let suffix: number;
  const k = known;
  // (`===` on strings: the same object answers at once, texts of different lengths too; a PieceText is equal
  // only to itself, which the document copy passes again for an unchanged version.)
  if (k && k.after === b && k.before === a) {
    // The first `start` and the last `length - beforeEnd` characters are known to be equal.
    prefix = k.start + commonPrefix(a, b, k.start);
    const cap = Math.min(a.length, b.length) - prefix;
    const sure = a.length - k.beforeEnd;
    suffix = sure >= cap ? cap : sure + commonSuffix(a, b, cap - sure, sure);
  } else {
    prefix = commonPrefix(a, b);
    suffix = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
  }
  lastDiff = { a, b, prefix, suffix };
  return lastDiff;
}

export function lineStartOf(text: TextLike, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Where the block of entries starting on the line at `from` (column `col`) ends: after the last line that
 * continues it (a content line indented deeper, or, for entries of a mapping, a `-` item at the same column);
 * blank and comment lines count only when a continuation line follows them.
 */
export function blockEnd(text: TextLike, from: number, col: number, inSeq: boolean, atLeast: number): number {
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
      const dash =
        c === 45 &&
        (j + 1 >= text.length || text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 10 || text.charCodeAt(j + 1) === 13);
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

/** The first offset at or after `i` that is not a space or a tab. */
function afterBlanks(text: TextLike, i: number): number {
  let j = i;
  while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
  return j;
}

/** The last line of `chunk` that holds content ([start, end)), and whether a comment line comes after it. */
export function lastContentLine(chunk: string): { start: number; end: number; commentAfter: boolean } | undefined {
  let commentAfter = false;
  for (let end = chunk.length; end > 0;) {
    const start = chunk.lastIndexOf('\n', end - 2) + 1;
    const j = afterBlanks(chunk, start);
    const c = chunk.charCodeAt(j);
    if (c === 35 /* # */) commentAfter = true;
    else if (j < end && c !== 10 && c !== 13) return { start, end, commentAfter };
    end = start;
  }
  return undefined;
}

/**
 * Whether the blank and comment lines from `from` (a line start) up to the next content line hold a comment
 * indented deeper than `col` (any comment for -1).
 */
export function deeperCommentAt(text: TextLike, from: number, col: number): boolean {
  for (let i = from; i < text.length;) {
    const j = afterBlanks(text, i);
    const c = text.charCodeAt(j);
    if (c === 35 /* # */) {
      if (j - i > col) return true;
    } else if (c !== 10 && c !== 13 && j < text.length) return false;
    const nl = text.indexOf('\n', j);
    if (nl < 0) return false;
    i = nl + 1;
  }
  return false;
}

/** The line starts of the new text: those before the change kept, those after it moved by `delta`. */
export function updateLineStarts(
  old: number[],
  text: TextLike,
  p: number,
  oldChangeEnd: number,
  newChangeEnd: number,
  delta: number,
): number[] {
  // Lines starting at or before p are unchanged; lines starting inside the changed region are rescanned;
  // lines starting after the old change end move by delta.
  const lo = firstAbove(old, p);
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
