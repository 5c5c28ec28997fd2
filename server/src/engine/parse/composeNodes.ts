/**
 * The nodes of parse/compose.ts's fast path: the `yaml` Composer's node steps (resolveProps, resolveEnd, composeNode,
 * resolveBlockMap, resolveBlockSeq, resolveFlowCollection, composeScalar, composeEmptyNode) for the subset it takes,
 * each leaving (`throw LEAVE`) where `yaml` would report an error or the input needs what the subset lacks. Sources
 * and the subset: docs/reference/yaml-composer.md.
 */
import { Scalar } from 'yaml';
import type { CST, Node, Schema, YAMLMap, YAMLSeq } from 'yaml';
import { FastMap, FastPair, FastScalar, FastSeq } from './fastNodes';

/** Thrown when the input leaves the subset (caught by onFastPath): `yaml` composes that document instead. */
const LEAVE = new Error('outside the fast path');
const leave = (): never => {
  throw LEAVE;
};

/** `f()`, or undefined when it left the fast path. */
export function onFastPath<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e === LEAVE) return undefined;
    throw e;
  }
}

type Token = CST.Token;
type SourceToken = CST.SourceToken;
type Tag = { default?: boolean | 'key'; test?: RegExp; format?: string; resolve: (s: string, e: () => never, o: object) => unknown };
export type Props = {
  found: SourceToken | null;
  comma: SourceToken | null;
  spaceBefore: boolean;
  comment: string;
  hasNewline: boolean;
  end: number;
};

/**
 * A node's properties before it (the Composer's resolveProps without anchors, tags and tabs, and without comments
 * inside flow collections, where `yaml` moves them between items).
 */
export function props(tokens: readonly SourceToken[], indicator: string, startOnNewline: boolean, offset: number, flow = false): Props {
  let spaceBefore = false;
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let comment = '';
  let commentSep = '';
  let hasNewline = false;
  let found: SourceToken | null = null;
  let comma: SourceToken | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        if (token.source.includes('\t')) leave();
        hasSpace = true;
        break;
      case 'comment': {
        if (!hasSpace || flow) leave();
        const cb = token.source.substring(1) || ' ';
        comment = comment ? comment + commentSep + cb : cb;
        commentSep = '';
        atNewline = false;
        break;
      }
      case 'comma':
        if (!flow || comma) leave();
        comma = token;
        atNewline = false;
        hasSpace = false;
        break;
      case 'newline':
        if (atNewline) {
          if (comment) comment += token.source;
          else if (!found || indicator !== 'seq-item-ind') spaceBefore = true;
        } else commentSep += token.source;
        atNewline = true;
        hasNewline = true;
        hasSpace = true;
        break;
      default:
        if (token.type !== indicator || found) leave();
        found = token;
        atNewline = indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  return { found, comma, spaceBefore, comment, hasNewline, end: tokens.length > 0 ? last.offset + last.source.length : offset };
}

/** The comment after a node on its line (the Composer's resolveEnd), leaving on anything `yaml` reports. */
export function resolveEnd(
  end: readonly SourceToken[] | undefined,
  offset: number,
  reqSpace: boolean,
): { comment: string; offset: number } {
  let comment = '';
  if (end) {
    let hasSpace = false;
    let sep = '';
    for (const token of end) {
      switch (token.type) {
        case 'space':
          hasSpace = true;
          break;
        case 'comment': {
          if (reqSpace && !hasSpace) leave();
          const cb = token.source.substring(1) || ' ';
          comment = comment ? comment + sep + cb : cb;
          sep = '';
          break;
        }
        case 'newline':
          if (comment) sep += token.source;
          hasSpace = true;
          break;
        default:
          leave();
      }
      offset += token.source.length;
    }
  }
  return { comment, offset };
}

/** The Composer's composeNode for the subset. */
export function node(token: Token, p: Props, schema: Schema): Node {
  let n: Node;
  switch (token.type) {
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      n = scalar(token, schema);
      break;
    case 'block-map':
      n = blockMap(token, schema);
      break;
    case 'block-seq':
      n = blockSeq(token, schema);
      break;
    case 'flow-collection':
      n = flowCollection(token, schema);
      break;
    default:
      return leave();
  }
  if (p.spaceBefore) n.spaceBefore = true;
  if (p.comment) {
    if (token.type === 'scalar' && token.source === '') n.comment = p.comment;
    else n.commentBefore = p.comment;
  }
  return n;
}

function blockMap(bm: CST.BlockMap, schema: Schema): YAMLMap {
  const map = new FastMap(schema);
  let offset = bm.offset;
  let commentEnd: number | null = null;
  for (const { start, key, sep, value } of bm.items) {
    const kp = props(start, 'explicit-key-ind', true, offset);
    if (kp.found) leave(); // an explicit key (`? `)
    if (!sep) {
      // A comment line (or several) among the items (the parser gives a key its `sep`, so there is no key here).
      commentEnd = kp.end;
      if (kp.comment) map.comment = map.comment ? `${map.comment}\n${kp.comment}` : kp.comment;
      continue;
    }
    if (!isFlowScalar(key)) return leave();
    if (key.indent !== bm.indent || key.source.includes('\n')) leave();
    if (key.end) for (const st of key.end) if (st.type === 'newline') leave();
    const keyNode = node(key, kp, schema);
    const vp = props(sep, 'map-value-ind', false, keyNode.range![2]);
    offset = vp.end;
    if (!vp.found) leave(); // a key without `:`
    if (value?.type === 'block-map' && !vp.hasNewline) leave(); // a compact nested mapping
    if (kp.end < vp.found!.offset - 1024) leave(); // a key over 1024 characters
    const valueNode = value ? node(value, vp, schema) : emptyNode(offset, sep, vp, schema);
    offset = valueNode.range![2];
    map.items.push(new FastPair(keyNode, valueNode));
  }
  if (commentEnd !== null && commentEnd < offset) leave();
  map.range = [bm.offset, offset, commentEnd ?? offset];
  return map;
}

function blockSeq(bs: CST.BlockSequence, schema: Schema): YAMLSeq {
  const seq = new FastSeq(schema);
  let offset = bs.offset;
  let commentEnd: number | null = null;
  for (const { start, value } of bs.items) {
    const p = props(start, 'seq-item-ind', true, offset);
    if (!p.found) {
      if (value) leave();
      commentEnd = p.end;
      if (p.comment) seq.comment = p.comment;
      continue;
    }
    const item = value ? node(value, p, schema) : emptyNode(p.end, start, p, schema);
    offset = item.range![2];
    seq.items.push(item);
  }
  seq.range = [bs.offset, offset, commentEnd ?? offset];
  return seq;
}

const isFlowScalar = (t: Token | null | undefined): t is CST.FlowScalar =>
  !!t && (t.type === 'scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar');
const isBlock = (t: Token) => t.type === 'block-map' || t.type === 'block-seq';

/** A flow sequence or mapping of scalars and flow collections, without comments (anything else goes to `yaml`). */
function flowCollection(fc: CST.FlowCollection, schema: Schema): YAMLMap | YAMLSeq {
  const isMap = fc.start.source === '{';
  const coll: YAMLMap | YAMLSeq = isMap ? new FastMap(schema) : new FastSeq(schema);
  coll.flow = true;
  const items = coll.items as unknown[];
  let offset = fc.offset + fc.start.source.length;
  const last = fc.items.length - 1;
  for (let i = 0; i <= last; i++) {
    const { start, key, sep, value } = fc.items[i];
    const p = props(start, 'explicit-key-ind', false, offset, true);
    if (p.found) leave(); // an explicit key
    if (!sep && !value) {
      // An empty item: only a trailing comma is not an error.
      if (key || (i === 0 && p.comma) || i < last) leave();
      offset = p.end;
      continue;
    }
    if (i === 0 ? p.comma : !p.comma) leave(); // a comma before the first item, or none between two
    if (!isMap) {
      if (key || sep || isBlock(value!)) leave(); // a pair in a flow sequence, or a block collection
      const item = node(value!, p, schema);
      items.push(item);
      offset = item.range![2];
      continue;
    }
    if (!isFlowScalar(key)) return leave();
    const keyNode = node(key, p, schema);
    const vp = props(sep ?? [], 'map-value-ind', false, keyNode.range![2], true);
    if (!vp.found || (value && isBlock(value))) leave(); // a key without `:`, or a block collection
    const valueNode = value ? node(value, vp, schema) : emptyNode(vp.end, sep!, vp, schema);
    items.push(new FastPair(keyNode, valueNode));
    offset = valueNode.range![2];
  }
  if (fc.end.length === 0 || fc.end[0].source !== (isMap ? '}' : ']')) leave(); // not closed
  const [ce, ...rest] = fc.end;
  const cePos = ce.offset + ce.source.length;
  if (rest.length > 0) {
    const end = resolveEnd(rest, cePos, true);
    if (end.comment) coll.comment = end.comment;
    coll.range = [fc.offset, cePos, end.offset];
  } else coll.range = [fc.offset, cePos, cePos];
  return coll;
}

/** A missing value (`key:` or `-` with nothing after): a null at the position `yaml` gives it. */
export function emptyNode(offset: number, before: readonly SourceToken[], p: Props, schema: Schema): Scalar {
  let at = offset;
  for (let i = before.length - 1; i >= 0; --i) {
    const st = before[i];
    if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
      at -= st.source.length;
      continue;
    }
    for (let j = i + 1; before[j]?.type === 'space'; j++) at += before[j].source.length;
    break;
  }
  const n = scalar({ type: 'scalar', offset: at, indent: -1, source: '' }, schema);
  if (p.spaceBefore) n.spaceBefore = true;
  if (p.comment) {
    n.comment = p.comment;
    n.range![2] = p.end;
  }
  return n;
}

/** Whether a plain scalar starting with this character could be a core-schema null, bool, int or float (`~nNtTfF0-9+-.`). */
function maybeNotString(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    c === 126 ||
    c === 110 ||
    c === 78 ||
    c === 116 ||
    c === 84 ||
    c === 102 ||
    c === 70 ||
    c === 43 ||
    c === 45 ||
    c === 46
  );
}

/** Characters a plain scalar cannot start with (`yaml` reports them): tab `,` `%` `|` `>` `@` and backquote. */
function badPlainStart(c: number): boolean {
  return c === 9 || c === 44 || c === 37 || c === 124 || c === 62 || c === 64 || c === 96;
}

function scalar(token: CST.FlowScalar, schema: Schema): Scalar {
  const { offset, source } = token;
  let value: string;
  let type: Scalar.Type;
  if (source.includes('\n')) leave(); // multi-line: folded by `yaml`
  switch (token.type) {
    case 'scalar':
      if (badPlainStart(source.charCodeAt(0))) leave();
      value = source;
      type = Scalar.PLAIN;
      break;
    case 'single-quoted-scalar':
      if (source.length === 1 || source.charCodeAt(source.length - 1) !== 39) leave();
      value = source.slice(1, -1);
      if (value.includes("''")) value = value.replace(/''/g, "'");
      type = Scalar.QUOTE_SINGLE;
      break;
    default:
      if (source.length === 1 || source.charCodeAt(source.length - 1) !== 34) leave();
      value = source.includes('\\') ? unescape(source) : source.slice(1, -1);
      type = Scalar.QUOTE_DOUBLE;
  }
  const re = resolveEnd(token.end, offset + source.length, true);
  // The core schema's tags by test, as `yaml` finds them; a string (the str tag resolves to itself) otherwise.
  let tag: Tag | undefined;
  if (type === Scalar.PLAIN && (value === '' || maybeNotString(value.charCodeAt(0))))
    for (const t of (schema as unknown as { tags: Tag[] }).tags)
      if (t.default === true && t.test?.test(value)) {
        tag = t;
        break;
      }
  let s: Scalar;
  if (tag) {
    const res = tag.resolve(value, leave, RESOLVE_OPTIONS);
    s = res instanceof Scalar ? res : new FastScalar(res);
  } else s = new FastScalar(value);
  s.range = [offset, offset + source.length, re.offset];
  s.source = value;
  s.type = type;
  if (tag?.format) s.format = tag.format;
  if (re.comment) s.comment = re.comment;
  return s;
}

/** The document option a core-schema tag's `resolve` reads. */
const RESOLVE_OPTIONS = { intAsBigInt: false };

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A one-line double-quoted scalar's value (YAML's escapes); leaves on an escape `yaml` reports as invalid. */
function unescape(source: string): string {
  let res = '';
  for (let i = 1; i < source.length - 1; i++) {
    const ch = source[i];
    if (ch !== '\\') {
      res += ch;
      continue;
    }
    const next = source[++i];
    const cc = ESCAPES[next];
    if (cc) res += cc;
    else if (HEX_LENGTH[next]) {
      const n = HEX_LENGTH[next];
      const hex = source.slice(i + 1, i + 1 + n);
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) leave();
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) leave(); // String.fromCodePoint throws; `yaml` does not catch it either
      res += String.fromCodePoint(code);
      i += n;
    } else leave(); // an escaped \r or an invalid escape
  }
  return res;
}
