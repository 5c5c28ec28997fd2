/**
 * Whether an offset lies in the text of a quoted or block scalar of the parsed tree. Only there can a `#` that
 * follows a space (or starts a line) be text: everywhere else it begins a comment, because a plain scalar cannot
 * hold ` #` (YAML 1.2.2, 6.6 "Comments" and 7.3.3 "Plain Style"; docs/reference/yaml-composer.md). The walk goes
 * down by offsets, a binary search at each collection, so its cost follows the depth of the node, not the size of
 * the file (the suppression comments of a 200,000-line file are checked this way after every edit).
 */
import { isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { ParsedDocument } from '../types';
import type { TextLike } from '../util/pieceText';
import { entryEnd, entryStart, rangeOf, type Entry } from './incrementalNodes';

/** The span of an item of a collection (a pair from its key to its value's end), or undefined when it has none. */
function spanOf(item: unknown): { start: number; end: number } | undefined {
  const start = entryStart(item as Entry) ?? (isPair(item) ? rangeOf(item.value)?.[0] : undefined);
  const end = entryEnd(item as Entry, true);
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** The item of `items` (sorted by offset) whose span holds `offset`. */
function itemAt(items: readonly unknown[], offset: number): unknown {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spanOf(items[mid]);
    if (s === undefined) {
      // An item without offsets (not made by the parser): search every item instead.
      return items.find((x) => {
        const t = spanOf(x);
        return t !== undefined && t.start <= offset && offset < t.end;
      });
    }
    if (s.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const s = spanOf(items[found])!;
  return offset < s.end ? items[found] : undefined;
}

function inNode(node: unknown, text: TextLike, offset: number): boolean {
  for (let depth = 0; node && depth < 10_000; depth++) {
    if (isPair(node)) {
      const k = rangeOf(node.key);
      node = k && k[0] <= offset && offset < k[2] ? node.key : node.value;
      continue;
    }
    if (isScalar(node)) {
      const r = node.range;
      if (!r) return false;
      if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return r[0] < offset && offset < r[1];
      if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
        // The header line (`|`, `>-`, …) may end with a comment; the text starts on the next line.
        const headerEnd = text.indexOf('\n', r[0]);
        return headerEnd >= 0 && headerEnd < offset && offset < r[1];
      }
      return false;
    }
    if (isMap(node) || isSeq(node)) {
      node = itemAt(node.items, offset);
      continue;
    }
    return false;
  }
  return false;
}

/** Whether `offset` of `text` is inside the text of a quoted or block scalar of `docs` (the file's parse). */
export function insideScalarText(docs: readonly ParsedDocument[], text: TextLike, offset: number): boolean {
  for (const d of docs) {
    if (offset < d.range.start || offset >= d.range.end) continue;
    if (inNode(d.doc.contents, text, offset)) return true;
  }
  return false;
}
