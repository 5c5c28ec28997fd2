/**
 * Reading YAML nodes the way Helm does: values as ingress-nginx receives them, with their exact
 * source ranges, so rules can point at (and fixes can rewrite) the very characters of a value.
 */
// Node kinds are told by class (`instanceof`), not by `yaml`'s isX predicates (megamorphic symbol reads: parse/parse.ts).
import { Alias, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Range, ValueRef } from '../types';
import { keyText } from './parse';
import type { TextLike } from '../util/pieceText';

/**
 * How Helm (go-yaml, YAML 1.1) types a plain scalar. The `yaml` package follows YAML 1.2 and reads
 * `yes`, `on`, `0x1F` or `1_000` as strings, but Helm turns them into booleans and numbers.
 */
/** First characters that can start a YAML 1.1 null, boolean or number; anything else is a string. */
const NON_STRING_START = new Set('~yYnNtTfFoO0123456789+-.');

/** YAML 1.1's null and boolean words (all start with a letter, and have at most five). */
const NULL_WORDS = new Set(['null', 'Null', 'NULL']);
const BOOL_WORDS = new Set('y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF'.split(' '));

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function yaml11PlainType(src: string): 'bool' | 'int' | 'float' | 'null' | 'string' {
  const s = src.trim();
  if (s !== '' && !NON_STRING_START.has(s[0])) return 'string';
  // No number starts with a letter: a word that does is a null or boolean word, or a string (keys like `nginx.…`).
  if (isAsciiLetter(s.charCodeAt(0))) {
    // The words are at most five letters long: a longer string is not hashed for the lookups.
    if (s.length > 5) return 'string';
    return NULL_WORDS.has(s) ? 'null' : BOOL_WORDS.has(s) ? 'bool' : 'string';
  }
  if (s === '' || s === '~') return 'null';
  // go-yaml v2 strips `_` and calls strconv.ParseInt(s, 0, 64): 0b, 0o, 0x and leading-zero octal are ints;
  // unlike YAML 1.1 it never reads base-60 (`1:20`) as a number.
  if (/^[-+]?(0b[01_]+|0o[0-7_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+)$/.test(s)) return 'int';
  if (/^[-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?$/.test(s) && /[0-9]/.test(s)) return 'float';
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return 'float';
  // go-yaml also accepts exponent floats without a dot (1e3)
  if (/^[-+]?[0-9]+[eE][-+]?[0-9]+$/.test(s)) return 'float';
  return 'string';
}

function resolveAlias(node: unknown, doc: Document.Parsed | undefined): unknown {
  if (node instanceof Alias && doc) {
    try {
      return node.resolve(doc);
    } catch {
      return undefined;
    }
  }
  return node;
}

/** Build a ValueRef for the value of a pair (or any node). `fallbackOffset` is used when the value is missing. */
export function valueRef(text: TextLike, node: unknown, fallbackOffset: number, doc?: Document.Parsed): ValueRef {
  if (node === null || node === undefined) {
    return { node: null, range: { start: fallbackOffset, end: fallbackOffset }, text: '', isString: false };
  }
  const alias = node instanceof Alias ? node : undefined;
  const target = resolveAlias(node, doc);
  const own = node as Node;
  const range: Range = own.range ? { start: own.range[0], end: own.range[1] } : { start: fallbackOffset, end: fallbackOffset };
  if (target instanceof Scalar) {
    const style = target.type;
    const v: unknown = target.value;
    if (alias) {
      const s = typeof v === 'string' ? v : (target.source ?? String(v));
      return { node: own, range, text: s, isString: typeof v === 'string', style };
    }
    if (style === Scalar.PLAIN) {
      const src = text.slice(range.start, range.end);
      const t = yaml11PlainType(src);
      // `key:` with nothing after it: no value at all (Helm reads null and drops the key).
      if (v === null && src === '') return { node: null, range, text: '', isString: false };
      const str = typeof v === 'string' ? v : src;
      return {
        node: own,
        range,
        text: str,
        // An explicit `!!str` tag keeps the value a string for Helm too.
        isString: typeof v === 'string' && (t === 'string' || target.tag === 'tag:yaml.org,2002:str'),
        style,
        contentStart: str === src ? range.start : undefined,
      };
    }
    if (style === Scalar.QUOTE_DOUBLE || style === Scalar.QUOTE_SINGLE) {
      const s = typeof v === 'string' ? v : String(v);
      // Whether the text between the quotes is the value (no escape, no folded line), compared in place.
      const len = range.end - range.start;
      const same = len >= 2 ? s.length === len - 2 && text.startsWith(s, range.start + 1) : s === '';
      return { node: own, range, text: s, isString: true, style, contentStart: same ? range.start + 1 : undefined };
    }
    // Block scalars: no 1:1 mapping (indentation, folding, final newline). The range stops at the last
    // non-blank character so findings do not spill onto the next key's line.
    const s = typeof v === 'string' ? v : String(v);
    let end = range.end;
    while (end > range.start && /[\s]/.test(text.slice(end - 1, end))) end--;
    return { node: own, range: { start: range.start, end }, text: s, isString: true, style };
  }
  // A collection (or an unresolvable alias) where a string was expected.
  const collection = target instanceof YAMLMap ? 'map' : target instanceof YAMLSeq ? 'seq' : undefined;
  return { node: own, range, text: text.slice(range.start, range.end), isString: false, collection };
}

/** The last pair with the given key (Helm and most parsers keep the last duplicate). */
export function getPair(map: unknown, key: string): Pair | undefined {
  if (!(map instanceof YAMLMap)) return undefined;
  const items = map.items;
  for (let i = items.length - 1; i >= 0; i--) if (keyText(items[i].key) === key) return items[i];
  return undefined;
}

export function getMap(map: unknown, key: string, doc?: Document.Parsed): YAMLMap | undefined {
  const p = getPair(map, key);
  const v = p ? resolveAlias(p.value, doc) : undefined;
  return v instanceof YAMLMap ? v : undefined;
}

export function scalarValue(node: unknown, doc?: Document.Parsed): unknown {
  const n = resolveAlias(node, doc);
  if (n instanceof Scalar) return n.value;
  if (n instanceof YAMLMap || n instanceof YAMLSeq) return n;
  return undefined;
}

/** Go strconv.ParseBool. */
export function goParseBool(s: string): boolean | undefined {
  if (GO_TRUE.has(s)) return true;
  if (GO_FALSE.has(s)) return false;
  return undefined;
}
const GO_TRUE: ReadonlySet<string> = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE: ReadonlySet<string> = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go strconv.Atoi on a 64-bit platform: optional sign, ASCII digits, int64 range. */
export function goAtoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  // Up to 15 digits a double is exact (`+ 0` turns -0 into 0, as BigInt does).
  if (s.length <= 15) return Number(s) + 0;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return Number(n);
}

/** Go unicode.IsSpace: like JS \s but includes U+0085 and excludes U+FEFF. */
export function goIsSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Go strings.TrimSpace (linear, no regex backtracking). */
export function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && goIsSpace(s.charCodeAt(a))) a++;
  while (b > a && goIsSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}
