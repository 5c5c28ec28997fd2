/**
 * Step 5: fixes as minimal text edits that keep comments, indentation and quote style.
 * Helpers here build TextEdits for the common repairs; rules combine them into Fix objects.
 */
import { isMap, Scalar } from 'yaml';
import type { Pair, YAMLMap, Node } from 'yaml';
import type { Fix, Range, TextEdit, ValueRef } from '../types';
import { yaml11PlainType } from '../parse/values';
import { nodeRange } from '../parse/parse';
import type { TextLike } from '../util/pieceText';

export function fix(title: string, edits: TextEdit[], safe = true): Fix {
  return { title, edits, safe };
}

export function replace(range: Range, newText: string): TextEdit {
  return { start: range.start, end: range.end, newText };
}

/** YAML double-quoted form of a string. */
export function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

export function singleQuoted(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

/** Whether a string can stay a plain scalar and still be a string for Helm (YAML 1.1) and for `yaml` (1.2). */
function plainSafe(s: string): boolean {
  if (s === '' || s !== s.trim()) return false;
  if (yaml11PlainType(s) !== 'string') return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (/: |\s#|[\n\r\t]/.test(s) || s.endsWith(':')) return false;
  return true;
}

/** Serialize `s` in the style of an existing value (double, single, plain); block scalars become double quoted. */
export function serializeLike(ref: ValueRef, s: string): string {
  switch (ref.style) {
    case Scalar.QUOTE_SINGLE:
      return /[\n\r\t]/.test(s) ? doubleQuoted(s) : singleQuoted(s);
    case Scalar.PLAIN:
      return ref.isString && plainSafe(s) ? s : doubleQuoted(s);
    default:
      return doubleQuoted(s);
  }
}

/** Replace the whole value with `s`, keeping its quote style. */
export function replaceValue(ref: ValueRef, s: string): TextEdit {
  if (!ref.node) return { start: ref.range.start, end: ref.range.end, newText: ' ' + doubleQuoted(s) };
  return replace(ref.range, serializeLike(ref, s));
}

/** Quote a non-string scalar as written: `true` → `"true"`. */
export function quoteValue(ref: ValueRef, text: TextLike): TextEdit {
  const src = text.slice(ref.range.start, ref.range.end).trim();
  return replace(ref.range, doubleQuoted(src));
}

/** Column (0-based) of the line start for offset. */
export function lineStartOf(text: TextLike, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

function lineEndOf(text: TextLike, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

/** End of the content of the line holding `offset` (before its `\r\n` or `\n`). */
export function lineContentEnd(text: TextLike, offset: number): number {
  let i = text.indexOf('\n', offset);
  if (i < 0) i = text.length;
  if (i > 0 && text.charCodeAt(i - 1) === 13 && i - 1 >= offset) i--;
  return i;
}

/** Column (UTF-16 code units from the line start) of `offset`. */
export function columnOf(text: TextLike, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Indentation string of the line that contains offset. */
export function indentAt(text: TextLike, offset: number): string {
  const ls = lineStartOf(text, offset);
  const m = /^[ \t]*/.exec(text.slice(ls, lineEndOf(text, ls)));
  return m ? m[0] : '';
}

/** The file's line break. */
export function eol(text: TextLike): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Indent unit used by the file (2 by default). */
export function indentUnit(text: TextLike): string {
  // The first `\n( +)\S` (read line by line: a big document's pieces are not joined).
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    let j = i + 1;
    while (text.charCodeAt(j) === 32) j++;
    if (j > i + 1 && j < text.length && /\S/.test(text.slice(j, j + 1))) return text.slice(i + 1, j);
  }
  return '  ';
}

/**
 * Remove a block-mapping pair together with its line (and the comment at its end), or a flow-mapping
 * entry with its comma.
 */
export function removePair(text: TextLike, map: YAMLMap, pair: Pair): TextEdit {
  const kr = nodeRange(pair.key as Node)!;
  const vr = nodeRange(pair.value as Node);
  const end = vr ? (pair.value as Node).range![2] : kr.end;
  if (map.flow) {
    // remove "key: value" plus one adjacent comma
    let s = kr.start;
    let e = vr ? vr.end : kr.end;
    const after = /^\s*,\s*/.exec(text.slice(e));
    if (after) e += after[0].length;
    else {
      const before = /,\s*$/.exec(text.slice(0, s));
      if (before) s -= before[0].length;
    }
    return { start: s, end: e, newText: '' };
  }
  const ls = lineStartOf(text, kr.start);
  // Only whitespace (or a `- ` sequence marker we must keep) before the key on its line.
  const lead = text.slice(ls, kr.start);
  const e = lineEndOf(text, Math.max(kr.end, Math.min(end, text.length) - 1 >= kr.end ? end - 1 : kr.end));
  const nextStart = e < text.length ? e + 1 : e;
  if (/^[ \t]*$/.test(lead)) {
    if (map.items.length === 1) {
      // Last entry: leave an empty flow map so the key keeps its type.
      return { start: ls, end: nextStart, newText: '' };
    }
    return { start: ls, end: nextStart, newText: '' };
  }
  return { start: kr.start, end: e, newText: '' };
}

/**
 * Insert `key: value` lines into a block mapping after its last pair (same indentation), or into an
 * empty/flow mapping. `entries` are already serialized values.
 */
export function insertPairs(text: TextLike, map: YAMLMap, entries: [string, string][], parentKeyRange?: Range): TextEdit {
  const nl = eol(text);
  if (!map.flow && map.items.length > 0) {
    const first = map.items[0];
    const indent = indentAt(text, nodeRange(first.key as Node)!.start);
    const last = map.items[map.items.length - 1];
    const lastEnd = (last.value as Node | null)?.range?.[1] ?? nodeRange(last.key as Node)!.end;
    const at = lineEndOf(text, Math.max(lastEnd - 1, nodeRange(last.key as Node)!.end));
    const lines = entries.map(([k, v]) => `${nl}${indent}${k}: ${v}`).join('');
    return { start: at, end: at, newText: lines };
  }
  // Empty block map or flow map `{}`: rewrite it as a block under its parent key.
  const r = nodeRange(map) ?? { start: 0, end: 0 };
  const parentIndent = parentKeyRange ? indentAt(text, parentKeyRange.start) : '';
  const indent = parentIndent + indentUnit(text);
  if (map.flow && map.items.length > 0) {
    // keep existing flow entries by converting them to block lines
    const existing: string[] = [];
    for (const p of map.items) {
      const kr = nodeRange(p.key as Node)!;
      const vr = nodeRange(p.value as Node);
      existing.push(`${indent}${text.slice(kr.start, kr.end)}: ${vr ? text.slice(vr.start, vr.end) : '""'}`);
    }
    const lines = [...existing, ...entries.map(([k, v]) => `${indent}${k}: ${v}`)];
    return { start: r.start - leadingSpace(text, r.start), end: r.end, newText: nl + lines.join(nl) };
  }
  const lines = entries.map(([k, v]) => `${indent}${k}: ${v}`);
  return { start: r.start - leadingSpace(text, r.start), end: r.end, newText: nl + lines.join(nl) };
}

function leadingSpace(text: TextLike, offset: number): number {
  let n = 0;
  while (offset - n - 1 >= 0 && (text.charCodeAt(offset - n - 1) === 32 || text.charCodeAt(offset - n - 1) === 9)) n++;
  return n;
}

/** Replace a key's text (keeps quoting of the key if it was quoted). */
export function renameKey(text: TextLike, keyRange: Range, newKey: string): TextEdit {
  const src = text.slice(keyRange.start, keyRange.end);
  if (src.startsWith('"')) return replace(keyRange, doubleQuoted(newKey));
  if (src.startsWith("'")) return replace(keyRange, singleQuoted(newKey));
  return replace(keyRange, newKey);
}

export function isBlockMap(n: unknown): n is YAMLMap {
  return isMap(n) && !n.flow;
}
