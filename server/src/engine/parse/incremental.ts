/**
 * Incremental parsing for the editor: a big single-document values file is split at its top-level keys, and
 * only the blocks that changed since the previous version are parsed again (the others are reused, with their
 * ranges shifted). Used only when it cannot change the result:
 *  - one document, no directives or document markers, no anchors or aliases (they cross blocks);
 *  - every block parses with no error or warning into a block mapping that starts with its own key.
 * Otherwise the caller parses the whole text as usual. A cache belongs to one document (one URI): its entries are
 * mutated (shifted) on reuse, so it must never be shared between files.
 */
import { Document, YAMLMap, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';

/** Below this size a full parse is cheap enough (and splitting is not worth it). */
export const INCREMENTAL_MIN_LENGTH = 16 * 1024;

interface Entry {
  doc: Document.Parsed;
  offset: number;
  generation: number;
}

export class ParseCache {
  /** chunk text → cached parses of it (several when a block repeats verbatim). */
  readonly entries = new Map<string, Entry[]>();
  generation = 0;
  /** Counters for tests and benchmarks. */
  reused = 0;
  parsed = 0;
}

const UNSUPPORTED = /^(---|\.\.\.|%)|(?:^|[\s[{,:-])[&*][^\s,[\]{}]|^\? |^: /m;

function shift(doc: Document.Parsed, delta: number): void {
  if (delta === 0) return;
  const move = (r: [number, number, number] | null | undefined) => {
    if (r) {
      r[0] += delta;
      r[1] += delta;
      r[2] += delta;
    }
  };
  move(doc.range as [number, number, number]);
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    if (isScalar(n) || isMap(n) || isSeq(n)) move((n as { range?: [number, number, number] }).range);
    if (isMap(n) || isSeq(n)) for (const it of (n as { items: unknown[] }).items) stack.push(it);
  }
}

/** Offsets where a top-level block starts (a line whose first character can start a key). */
function chunkStarts(text: string): number[] {
  const starts = [0];
  let first = true;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    const isKeyStart = c !== undefined && c !== ' ' && c !== '\t' && c !== '#' && c !== '\n' && c !== '\r' && c !== '-' && c !== ']' && c !== '}';
    if (isKeyStart) {
      if (!first && i > 0) starts.push(i);
      first = false;
    }
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
  }
  return starts;
}

/**
 * The whole text as one Document built from per-block parses, or undefined when the incremental path does not
 * apply (the caller then parses normally).
 */
export function parseIncrementally(text: string, cache: ParseCache): Document.Parsed | undefined {
  if (text.length < INCREMENTAL_MIN_LENGTH || UNSUPPORTED.test(text)) return undefined;
  const starts = chunkStarts(text);
  if (starts.length < 2) return undefined;
  const gen = ++cache.generation;
  const pairs: YAMLMap['items'] = [];
  for (let k = 0; k < starts.length; k++) {
    const offset = starts[k];
    const chunk = text.slice(offset, k + 1 < starts.length ? starts[k + 1] : text.length);
    const list = cache.entries.get(chunk);
    let entry = list?.find((e) => e.generation !== gen);
    if (entry) {
      shift(entry.doc, offset - entry.offset);
      entry.offset = offset;
      entry.generation = gen;
      cache.reused++;
    } else {
      const doc = parseDocument(chunk, { uniqueKeys: false, prettyErrors: false, strict: true }) as Document.Parsed;
      cache.parsed++;
      const root = doc.contents;
      if (doc.errors.length || doc.warnings.length || !isMap(root) || (root as YAMLMap).flow || (root as YAMLMap).items.length === 0) {
        return undefined;
      }
      shift(doc, offset);
      entry = { doc, offset, generation: gen };
      if (list) list.push(entry);
      else cache.entries.set(chunk, [entry]);
    }
    pairs.push(...(entry.doc.contents as YAMLMap).items);
  }
  // Forget the blocks of older versions.
  for (const [key, list] of cache.entries) {
    const kept = list.filter((e) => e.generation === gen);
    if (kept.length) cache.entries.set(key, kept);
    else cache.entries.delete(key);
  }
  const map = new YAMLMap();
  map.items = pairs;
  const first = (pairs[0]?.key as { range?: [number, number, number] } | undefined)?.range;
  const lastValue = pairs[pairs.length - 1]?.value as { range?: [number, number, number] } | undefined;
  const end = lastValue?.range?.[2] ?? text.length;
  map.range = [first ? first[0] : 0, end, end];
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = map as unknown as Document.Parsed['contents'];
  (doc as unknown as { range: [number, number, number] }).range = [0, text.length, text.length];
  return doc;
}
