/**
 * Helm's `--set`, `--set-string` and `--set-json` grammar, ported from helm/helm pkg/strvals/parser.go
 * (see docs/reference/helm-values-merge.md), applied to a tree with provenance.
 *
 * Grammar: assignments separated by `,`; a key is a path of names separated by `.`, with `[i]` list
 * indexes; `\x` escapes any character (so `\.` and `\,` are literal); a value `{a,b}` is a list. `--set`
 * types a value: `true`/`false` (any case) → bool, `null` → null, `0` and integers not starting with `0`
 * → int64, everything else (`1.5`, `0123`, `1e3`) → string; `--set-string` keeps every value a string;
 * `--set-json` reads one JSON value (numbers are float64). The value writes INTO the values merged so far
 * (files first), so `list[1]=x` changes one item of a list a file set, and `a.b=x` fails when `a` is a
 * scalar, a list or null there.
 */
import type { Range } from '../types';
import { newMap, type HList, type HMap, type HNode, type HScalar, type Origin } from './tree';

export type SetMode = 'set' | 'string' | 'json';

/** Helm's limits (strvals.MaxIndex, strvals.MaxNestedNameLevel). */
export const MAX_INDEX = 65536;
export const MAX_NESTED_NAME_LEVEL = 30;

export class SetParseError extends Error {
  constructor(
    message: string,
    readonly range: Range,
  ) {
    super(message);
  }
}

const EOF = Symbol('EOF');
type Eof = typeof EOF;

interface Until {
  value: string;
  /** The stop character, or EOF. */
  last: string | Eof;
  start: number;
  /** Offset of the stop character (or the end). */
  end: number;
  /** No backslash escape inside (the value maps 1:1 onto the source). */
  exact: boolean;
}

class Parser {
  private pos = 0;
  private assignStart = 0;
  constructor(
    private readonly s: string,
    private readonly mode: SetMode,
    private readonly source: number,
  ) {}

  parse(data: HMap): void {
    for (;;) {
      if (this.pos >= this.s.length) return;
      this.assignStart = this.pos;
      const r = this.key(data, 0);
      if (r === EOF) return;
    }
  }

  private fail(message: string, start = this.assignStart, end = this.pos): never {
    throw new SetParseError(message, { start, end: Math.max(start, end) });
  }

  private until(stop: string): Until {
    const start = this.pos;
    let value = '';
    let exact = true;
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (stop.includes(c)) {
        this.pos++;
        return { value, last: c, start, end: this.pos - 1, exact };
      }
      if (c === '\\') {
        exact = false;
        if (this.pos + 1 >= s.length) {
          this.pos++;
          return { value, last: EOF, start, end: this.pos, exact };
        }
        value += s[this.pos + 1];
        this.pos += 2;
        continue;
      }
      value += c;
      this.pos++;
    }
    return { value, last: EOF, start, end: this.pos, exact };
  }

  private origin(range: Range, keyEnd?: number): Origin {
    return { source: this.source, range, keyRange: keyEnd === undefined ? undefined : { start: this.assignStart, end: keyEnd } };
  }

  /** typedVal (or a string for --set-string). */
  private typed(u: { value: string; start: number; end: number; exact: boolean }, keyEnd?: number): HScalar {
    const v = u.value;
    const origin = this.origin({ start: u.start, end: u.end }, keyEnd);
    const str = (): HScalar => {
      const text = JSON.stringify(v);
      return { kind: 'scalar', value: v, text, exactOffset: u.exact && text === `"${v}"` ? 1 : undefined, origin };
    };
    if (this.mode === 'string') return str();
    const low = v.toLowerCase();
    if (low === 'true' || low === 'false') return { kind: 'scalar', value: low === 'true', text: low, origin };
    if (low === 'null') return { kind: 'scalar', value: null, text: 'null', origin };
    if (v === '0') return { kind: 'scalar', value: 0, text: '0', exactOffset: u.exact ? 0 : undefined, origin };
    if (v !== '' && v[0] !== '0' && /^[+-]?[0-9]+$/.test(v)) {
      const n = BigInt(v);
      if (n <= 9223372036854775807n && n >= -9223372036854775808n) {
        const text = n.toString();
        return { kind: 'scalar', value: Number(n), text, exactOffset: u.exact && text === v ? 0 : undefined, origin };
      }
    }
    return str();
  }

  private key(data: HMap, level: number): Eof | undefined {
    const k = this.until('=[,.');
    if (k.last === EOF) {
      if (k.value.length === 0) return EOF;
      this.fail(`key "${k.value}" has no value`);
    }
    const name = k.value;
    const keyOrigin = (): Origin => ({ source: this.source, range: { start: this.assignStart, end: k.end } });
    switch (k.last) {
      case '[': {
        const i = this.index();
        const existing = data.entries.get(name);
        let list: HList;
        if (existing) {
          if (existing.node.kind !== 'list') this.fail(`unable to parse key: \`${name}\` is ${describe(existing.node)}, not a list`);
          list = existing.node;
        } else list = { kind: 'list', items: [], origin: this.origin({ start: this.assignStart, end: k.end }) };
        const r = this.listItem(list, i, level, k.end);
        this.set(data, name, list, keyOrigin());
        return r;
      }
      case '=': {
        if (this.mode === 'json') {
          const v = this.jsonValue(k.end);
          this.set(data, name, v, keyOrigin());
          return undefined;
        }
        const vl = this.valList(k.end);
        if (vl === EOF) {
          this.set(data, name, this.typedEmpty(k.end), keyOrigin());
          return EOF;
        }
        if (vl) {
          this.set(data, name, vl, keyOrigin());
          return undefined;
        }
        const u = this.until(',');
        this.set(data, name, this.typed(u, k.end), keyOrigin());
        return u.last === EOF ? EOF : undefined;
      }
      case ',':
        this.set(
          data,
          name,
          { kind: 'scalar', value: '', text: '""', origin: this.origin({ start: k.end, end: k.end }, k.end) },
          keyOrigin(),
        );
        this.fail(`key "${name}" has no value (cannot end with ,)`);
        break;
      case '.': {
        level++;
        if (level > MAX_NESTED_NAME_LEVEL)
          this.fail(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
        const existing = data.entries.get(name);
        let inner: HMap;
        if (existing) {
          if (existing.node.kind !== 'map') this.fail(`unable to parse key: \`${name}\` is ${describe(existing.node)}, not a map`);
          inner = existing.node;
        } else inner = newMap(this.origin({ start: this.assignStart, end: k.end }));
        const r = this.key(inner, level);
        if (r === undefined && inner.entries.size === 0) this.fail(`key map "${name}" has no value`);
        if (inner.entries.size !== 0 && !existing) this.set(data, name, inner, keyOrigin());
        return r;
      }
    }
    return undefined;
  }

  /** The empty value `k=` at the end: Helm sets "" (a string even for --set). */
  private typedEmpty(at: number): HScalar {
    return { kind: 'scalar', value: '', text: '""', origin: this.origin({ start: at + 1, end: at + 1 }, at) };
  }

  private set(data: HMap, key: string, node: HNode, keyOrigin: Origin): void {
    if (key === '') return;
    const prev = data.entries.get(key);
    if (prev && prev.node === node) {
      prev.keyOrigin = keyOrigin;
      return;
    }
    const overridden = prev ? [...prev.overridden, prev.node.origin] : [];
    data.entries.set(key, { key, node, keyOrigin, overridden });
  }

  private index(): number {
    const u = this.until(']');
    if (u.last === EOF) this.fail(`error parsing index: unterminated \`[${u.value}\``);
    if (!/^[+-]?[0-9]+$/.test(u.value)) this.fail(`error parsing index: \`${u.value}\` is not a number`);
    return Number(u.value);
  }

  private setIndex(list: HList, i: number, v: HNode | undefined): void {
    if (i < 0) this.fail(`negative ${i} index not allowed`);
    if (i > MAX_INDEX) this.fail(`index of ${i} is greater than maximum supported index of ${MAX_INDEX}`);
    while (list.items.length <= i) list.items.push(undefined);
    list.items[i] = v;
  }

  private listItem(list: HList, i: number, level: number, keyEnd: number): Eof | undefined {
    if (i < 0) this.fail(`negative ${i} index not allowed`);
    const k = this.until('[.=');
    if (k.value.length > 0) this.fail(`unexpected data at end of array index: "${k.value}"`);
    if (k.last === EOF) return EOF;
    if (k.last === '=') {
      if (this.mode === 'json') {
        this.setIndex(list, i, this.jsonValue(k.end));
        return undefined;
      }
      const vl = this.valList(k.end);
      if (vl === EOF) {
        this.setIndex(list, i, this.typedEmpty(k.end));
        return undefined;
      }
      if (vl) {
        this.setIndex(list, i, vl);
        return undefined;
      }
      const u = this.until(',');
      this.setIndex(list, i, this.typed(u, k.end));
      return u.last === EOF ? EOF : undefined;
    }
    if (k.last === '[') {
      const next = this.index();
      const existed = list.items[i];
      let crt: HList;
      if (existed && existed.kind === 'list') crt = existed;
      else if (existed && !(existed.kind === 'scalar' && existed.value === null))
        this.fail(`unable to parse key: item ${i} is ${describe(existed)}, not a list`);
      else crt = { kind: 'list', items: [], origin: this.origin({ start: this.assignStart, end: k.end }) };
      const r = this.listItem(crt, next, level, keyEnd);
      this.setIndex(list, i, crt);
      return r;
    }
    // '.': an item that is not a map is replaced by a new map (Helm does the same).
    let inner: HMap;
    const existed = list.items[i];
    if (existed && existed.kind === 'map') inner = existed;
    else inner = newMap(this.origin({ start: this.assignStart, end: k.end }));
    const r = this.key(inner, level);
    this.setIndex(list, i, inner);
    return r;
  }

  /** `{a,b}` list, EOF right after `=`, or null when the value is not a list. */
  private valList(keyEnd: number): HList | Eof | null {
    if (this.pos >= this.s.length) return EOF;
    if (this.s[this.pos] !== '{') return null;
    const open = this.pos;
    this.pos++;
    const list: HList = { kind: 'list', items: [], origin: this.origin({ start: open, end: open }, keyEnd) };
    for (;;) {
      const u = this.until(',}');
      if (u.last === EOF) this.fail("list must terminate with '}'");
      list.items.push(this.typed(u));
      if (u.last === '}') {
        if (this.s[this.pos] === ',') this.pos++;
        list.origin = this.origin({ start: open, end: u.end + 1 }, keyEnd);
        return list;
      }
    }
  }

  /** --set-json: an empty value is null; otherwise one JSON value, then optional spaces and `,`. */
  private jsonValue(keyEnd: number): HNode {
    const s = this.s;
    let p = this.pos;
    while (p < s.length && /\s/.test(s[p])) p++;
    if (p >= s.length || s[p] === ',') {
      this.pos = Math.min(p + 1, s.length);
      return { kind: 'scalar', value: null, text: 'null', origin: this.origin({ start: p, end: p }, keyEnd) };
    }
    const end = jsonEnd(s, p);
    let v: unknown;
    try {
      v = JSON.parse(s.slice(p, end));
    } catch (e) {
      this.pos = end;
      this.fail(`invalid JSON value: ${(e as Error).message}`, p, end);
    }
    this.pos = end;
    while (this.pos < s.length && /\s/.test(s[this.pos])) this.pos++;
    if (this.s[this.pos] === ',') this.pos++;
    return fromJson(v, this.origin({ start: p, end }, keyEnd));
  }
}

function describe(n: HNode): string {
  if (n.kind === 'map') return 'a map';
  if (n.kind === 'list') return 'a list';
  return n.value === null ? 'null' : `the ${typeof n.value} ${JSON.stringify(n.value)}`;
}

/** End offset of the JSON value starting at `p` (strings, nested brackets, or a literal up to a delimiter). */
function jsonEnd(s: string, p: number): number {
  const c = s[p];
  if (c === '"') {
    let i = p + 1;
    while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    return Math.min(i + 1, s.length);
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    let i = p;
    while (i < s.length) {
      const ch = s[i];
      if (ch === '"') {
        i = jsonEnd(s, i);
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return s.length;
  }
  let i = p;
  while (i < s.length && !/[\s,{}[\]"]/.test(s[i])) i++;
  return i;
}

/** A JSON value as a tree; every node carries the whole flag value's origin. */
export function fromJson(v: unknown, origin: Origin): HNode {
  if (Array.isArray(v)) return { kind: 'list', items: v.map((x) => fromJson(x, { source: origin.source, range: origin.range })), origin };
  if (v !== null && typeof v === 'object') {
    const m = newMap(origin);
    for (const [k, x] of Object.entries(v)) {
      m.entries.set(k, {
        key: k,
        node: fromJson(x, { source: origin.source, range: origin.range }),
        keyOrigin: { source: origin.source, range: origin.range },
        overridden: [],
      });
    }
    return m;
  }
  const value = v as HScalar['value'];
  return {
    kind: 'scalar',
    value,
    text: value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : String(value),
    origin,
  };
}

/**
 * Applies one flag argument (`a.b=c,d[0]=e`) to `data` the way `strvals.ParseInto` / `ParseIntoString` /
 * `ParseJSON` do. Throws SetParseError (message and range in the argument) on bad input; assignments
 * before the bad one stay applied, as in Helm (which then stops with the error).
 */
export function applySetFlag(arg: string, mode: SetMode, data: HMap, source: number): void {
  new Parser(arg, mode, source).parse(data);
}
