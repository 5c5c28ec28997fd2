/**
 * Helpers for the list, boolean and max-age rules (cors-not-enabled, invalid-boolean, invalid-max-age,
 * max-age-exceeds-browser-cap, invalid-methods, method-case, forbidden-method, invalid-headers,
 * invalid-expose-headers, missing-authorization-header). Not a rule: the `_` prefix keeps it out of the registry.
 */
import { isScalar, isSeq } from 'yaml';
import type { YAMLMap, YAMLSeq, Node } from 'yaml';
import type { EffectivePolicy, FieldRef, IngressNginxTarget, Range, TextEdit, ValueRef } from '../types';
import { nodeRange } from '../parse/parse';
import { goTrimSpace, valueRef, yaml11PlainType } from '../parse/values';
import { q } from './_shared';
import type { TextLike } from '../util/pieceText';

/** Browser caps for Access-Control-Max-Age (docs/reference/browser-cors.md). */
export const CHROMIUM_MAX_AGE = 7200;
export const FIREFOX_MAX_AGE = 86400;
export const SAFARI_MAX_AGE = 600;

/** Methods fetch/XHR can never send (Fetch Standard, forbidden methods; compared upper-cased). */
export const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** The accepted spellings of Go's strconv.ParseBool, for messages. */
export const GO_BOOLS = '`true`/`false`, `1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False`';

/** `1728000` → `20 days`, `7200` → `2 hours`, `90` → `90 s`. */
export function humanSeconds(n: number): string {
  const unit = (v: number, one: string) => `${v} ${one}${v === 1 ? '' : 's'}`;
  if (n > 0 && n % 86400 === 0) return unit(n / 86400, 'day');
  if (n > 0 && n % 3600 === 0) return unit(n / 3600, 'hour');
  if (n > 0 && n % 60 === 0) return unit(n / 60, 'minute');
  return `${n} s`;
}

/**
 * A scalar that is not a YAML string for Helm (YAML 1.1): unquoted booleans (`yes`, `on`), numbers
 * (`1.5`, `1_000`). Returns a description ("a boolean", "a number") or undefined for strings.
 * Null values and collections return 'skip' (annotation-value-not-string explains those alone).
 */
export function nonStringKind(text: TextLike, v: ValueRef): 'a boolean' | 'a number' | 'skip' | undefined {
  if (v.isString) return undefined;
  if (!v.node || v.style === undefined) return 'skip';
  const t = yaml11PlainType(text.slice(v.range.start, v.range.end));
  if (t === 'bool') return 'a boolean';
  if (t === 'int' || t === 'float') return 'a number';
  return 'skip';
}

/** The sentence about an unquoted non-string value, placed before the ingress-nginx outcome. */
export function nonStringPreamble(kind: 'a boolean' | 'a number', shown: string): string {
  return (
    `${q(shown)} is ${kind} in YAML 1.1, which Helm uses: the API server rejects the unquoted value ` +
    `(see annotation-value-not-string), and quoted as ${q('"' + shown + '"')} it is still not accepted`
  );
}

/** What a boolean-looking word most likely means (undefined: unclear). */
export function boolIntent(raw: string): 'true' | 'false' | undefined {
  const s = raw.trim().toLowerCase();
  if (['true', 't', '1', 'yes', 'y', 'on', 'enable', 'enabled'].includes(s)) return 'true';
  if (['false', 'f', '0', 'no', 'n', 'off', 'disable', 'disabled'].includes(s)) return 'false';
  return undefined;
}

/** A written value in backticks for a message, with line breaks and tabs shown as `\n`, `\t`. */
export function qv(text: string): string {
  return q(text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t'));
}

/** Distinct characters of `s` that `ok` rejects, described for a message (`*`, `.`, a tab, a line break). */
export function badChars(s: string, ok: (c: string) => boolean, max = 3): string[] {
  const seen: string[] = [];
  for (const c of s) {
    if (ok(c) || seen.includes(c)) continue;
    seen.push(c);
  }
  return seen.slice(0, max).map((c) => (c === '\t' ? 'a tab' : c === '\n' || c === '\r' ? 'a line break' : q(c)));
}

/** `a`, `a and b`, `a, b and c`. */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
}

/* ------------------------------------------------------------ list entries */

export interface ListToken {
  value: string;
  /** Offset of the token inside the string it was split from. */
  offset: number;
}

/** Tokens of a comma and/or whitespace separated list, with offsets. */
export function listTokens(s: string): ListToken[] {
  const out: ListToken[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (isSeparator(s.charCodeAt(i))) {
      if (start >= 0) out.push({ value: s.slice(start, i), offset: start });
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push({ value: s.slice(start), offset: start });
  return out;
}

/** `,` or a character of the regex class `\s` (the ASCII ones tested directly). */
function isSeparator(c: number): boolean {
  if (c < 128) return c === 44 || c === 32 || (c >= 9 && c <= 13);
  return WHITESPACE.test(String.fromCharCode(c));
}
const WHITESPACE = /^\s$/;

export interface ListEntry {
  value: string;
  /** Exact range of the entry in the text when it maps, else the value range (or the policy anchor). */
  range: Range;
  /** Whether `range` is the entry itself. */
  exact: boolean;
  /** Offset of the entry inside the written value text (comma-separated string written as the effective list). */
  offset?: number;
  /** The YAML sequence item of the entry (Traefik, Istio, Gateway API lists). */
  item?: { node: Node; seq: YAMLSeq; ref: ValueRef };
}

/**
 * The entries of an effective list (allowMethods, allowHeaders) with source ranges: when the list is the
 * written field (same entries in the same order), each entry maps to its place in the value — a position in a
 * comma-separated string, or an item of a YAML sequence.
 */
export function effectiveEntries(
  text: TextLike,
  p: EffectivePolicy,
  field: FieldRef | undefined,
  effective: string,
): { readonly entries: readonly ListEntry[]; readonly written: boolean } {
  // Several rules ask the same of one policy (forbidden-method, method-case): the last answer is kept (a WeakMap
  // per policy would cost more than it saves: its entries are processed by every garbage collection).
  const l = last;
  if (l && l.p === p && l.field === field && l.effective === effective && l.text === text) return l.result;
  const result = entriesOf(text, p, field, effective);
  last = { p, field, effective, text, result };
  return result;
}
let last:
  | {
      p: EffectivePolicy;
      field: FieldRef | undefined;
      effective: string;
      text: TextLike;
      result: { entries: ListEntry[]; written: boolean };
    }
  | undefined;

function entriesOf(
  text: TextLike,
  p: EffectivePolicy,
  field: FieldRef | undefined,
  effective: string,
): { entries: ListEntry[]; written: boolean } {
  const eff = listTokens(effective);
  if (!field) return { entries: eff.map((t) => ({ value: t.value, range: p.anchor, exact: false })), written: false };
  const fallback = () => ({ entries: eff.map((t) => ({ value: t.value, range: field.value.range, exact: false })), written: false });
  const node = field.value.node;
  if (isSeq(node)) {
    const seq = node;
    const items = seq.items
      .filter((n) => isScalar(n) && n.value !== null && n.value !== undefined)
      .map((n) => ({ node: n as Node, ref: valueRef(text, n, field.value.range.start) }));
    const same = items.length === eff.length && items.every((it, i) => goTrimSpace(it.ref.text) === eff[i].value);
    if (!same) return fallback();
    return {
      written: true,
      entries: items.map((it) => ({
        value: goTrimSpace(it.ref.text),
        range: it.ref.range,
        exact: true,
        item: { node: it.node, seq, ref: it.ref },
      })),
    };
  }
  const w = listTokens(field.value.text);
  const same = w.length === eff.length && w.every((t, i) => t.value === eff[i].value);
  if (!same) return fallback();
  const cs = field.value.contentStart;
  return {
    written: true,
    entries: w.map((t) =>
      cs !== undefined
        ? { value: t.value, range: { start: cs + t.offset, end: cs + t.offset + t.value.length }, exact: true, offset: t.offset }
        : { value: t.value, range: field.value.range, exact: false, offset: t.offset },
    ),
  };
}

/** Remove one YAML sequence item: its line in a block sequence, the item and one comma in a flow sequence. */
export function removeSeqItemEdit(text: TextLike, node: Node, seq: YAMLSeq): TextEdit | undefined {
  if (!node.range) return undefined;
  const [s, e, end] = node.range;
  if (seq.flow) {
    let start = s;
    let stop = e;
    const after = /^\s*,\s*/.exec(text.slice(stop));
    if (after) stop += after[0].length;
    else {
      const before = /,\s*$/.exec(text.slice(0, start));
      if (before) start -= before[0].length;
    }
    return { start, end: stop, newText: '' };
  }
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  // Only when the item starts its own line (`- TRACE`), not `key: [..]`-like layouts.
  if (!/^[ \t]*-[ \t]+$/.test(text.slice(lineStart, s))) return undefined;
  const nl = text.indexOf('\n', Math.max(s, end - 1));
  return { start: lineStart, end: nl < 0 ? text.length : nl + 1, newText: '' };
}

/** Append an item to a YAML sequence (a `- value` line after the last block item, or `, value` in a flow sequence). */
export function appendSeqItemEdit(text: TextLike, seq: YAMLSeq, serialized: string): TextEdit | undefined {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!last || !last.range) return undefined;
  if (seq.flow) return { start: last.range[1], end: last.range[1], newText: `, ${serialized}` };
  const s = last.range[0];
  const lineStart = text.lastIndexOf('\n', s - 1) + 1;
  const lead = text.slice(lineStart, s);
  if (!/^[ \t]*-[ \t]+$/.test(lead)) return undefined;
  // At the end of the last item's line (after a trailing comment, if any).
  let at = text.indexOf('\n', last.range[1]);
  if (at < 0) at = text.length;
  else if (text.charCodeAt(at - 1) === 13) at--;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  return { start: at, end: at, newText: `${nl}${lead}${serialized}` };
}

/**
 * The value text with entry `i` removed together with one separator: the one after it, or, for the last
 * entry, the one before it. Returns the new text and the removed span (offsets in the text).
 */
export function withoutEntry(text: TextLike, tokens: ListToken[], i: number): { text: string; start: number; end: number } {
  const t = tokens[i];
  let start: number;
  let end: number;
  if (i < tokens.length - 1) {
    start = t.offset;
    end = tokens[i + 1].offset;
  } else if (i > 0) {
    const prev = tokens[i - 1];
    start = prev.offset + prev.value.length;
    end = t.offset + t.value.length;
  } else {
    start = t.offset;
    end = t.offset + t.value.length;
  }
  return { text: text.slice(0, start) + text.slice(end), start, end };
}

/** An edit that rewrites part [start, end) of a value's text: exact when the scalar maps 1:1, else the whole value. */
export function editInValue(ref: ValueRef, start: number, end: number, newPart: string, replaceWhole: (s: string) => TextEdit): TextEdit {
  if (ref.contentStart !== undefined) return { start: ref.contentStart + start, end: ref.contentStart + end, newText: newPart };
  return replaceWhole(ref.text.slice(0, start) + newPart + ref.text.slice(end));
}

/* -------------------------------------------------------- values-file maps */

/** Range of the key whose value is `map` (ingress.annotations or commonAnnotations), for insertPairs. */
export function parentKeyRange(t: IngressNginxTarget, map: YAMLMap): Range | undefined {
  const v = t.values;
  if (!v) return undefined;
  if (v.annotationsMap === map && v.annotationsPair) return nodeRange(v.annotationsPair.key as Node);
  for (const item of v.root.items) if (item.value === map) return nodeRange(item.key as Node);
  return undefined;
}
