/**
 * The CORS part of an ingress-nginx snippet (`configuration-snippet`, `server-snippet`): `add_header`,
 * `more_set_headers`, `set $x $http_origin`, `if ($http_origin ~* …)` and `if ($request_method = OPTIONS) { return
 * 204; }`. A small tokenizer of the nginx configuration syntax (words, quotes, `{ } ;`, comments), not a full
 * parser: everything else is skipped. The nginx facts: docs/reference/handwritten-cors.md.
 */
import type { Range, ValueRef } from '../../types';
import type { TextLike } from '../../util/pieceText';
import type { HandCondition, HandHeader, HandReturn } from './types';

interface Token {
  /** The word without its quotes (escapes kept as written, except `\"` and `\'` inside quotes). */
  text: string;
  start: number;
  end: number;
  /** A `{`, `}` or `;`. */
  punct: boolean;
}

/** nginx's tokenizer, simplified: words, single/double-quoted strings, `{`, `}`, `;`, `#` comments. */
export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (c === '{' || c === '}' || c === ';') {
      out.push({ text: c, start: i, end: i + 1, punct: true });
      i++;
    } else {
      const start = i;
      let text = '';
      while (i < s.length && !/[\s{};]/.test(s[i])) {
        const q = s[i];
        if ((q === '"' || q === "'") && (i === start || s[i - 1] === '(')) {
          i++;
          while (i < s.length && s[i] !== q) {
            if (s[i] === '\\' && (s[i + 1] === q || s[i + 1] === '\\')) i++;
            text += s[i++];
          }
          i++;
        } else text += s[i++];
      }
      out.push({ text, start, end: i, punct: false });
    }
  }
  return out;
}

/** Offsets of a snippet's characters in the file: 1:1 scalars, and literal block scalars line by line. */
export function offsetMapper(fileText: TextLike, v: ValueRef): (i: number) => number | undefined {
  if (v.contentStart !== undefined) return (i) => v.contentStart! + i;
  if (v.style !== 'BLOCK_LITERAL') return () => undefined;
  const src = fileText.slice(v.range.start, v.range.end);
  const srcLines = src.split('\n').slice(1);
  const firstContent = srcLines.find((l) => l.trim() !== '');
  const indent = firstContent ? firstContent.length - firstContent.trimStart().length : 0;
  const lineStarts: number[] = [];
  let off = v.range.start + src.indexOf('\n') + 1;
  for (const l of srcLines) {
    lineStarts.push(off + indent);
    off += l.length + 1;
  }
  const valueLineStarts: number[] = [0];
  for (let i = 0; i < v.text.length; i++) if (v.text[i] === '\n') valueLineStarts.push(i + 1);
  return (i) => {
    let line = 0;
    while (line + 1 < valueLineStarts.length && valueLineStarts[line + 1] <= i) line++;
    return line < lineStarts.length ? lineStarts[line] + (i - valueLineStarts[line]) : undefined;
  };
}

/** `($http_origin ~* "^https://a$")` → the condition (undefined: not one the model knows). */
export function parseCondition(words: string[]): HandCondition | undefined {
  const joined = words.join(' ').trim();
  const m = /^\(\s*\$(http_origin|request_method)\s+(=|!=|~\*|~|!~\*|!~)\s+(.*?)\s*\)$/.exec(joined);
  if (!m) return undefined;
  let value = m[3];
  if (/^(['"]).*\1$/s.test(value)) value = value.slice(1, -1);
  return { variable: m[1] === 'http_origin' ? 'origin' : 'method', op: m[2] as HandCondition['op'], value };
}

interface Scope {
  level: HandHeader['level'];
  conditions: HandCondition[];
  ifBlock?: number;
}

export interface SnippetCors {
  headers: HandHeader[];
  returns: HandReturn[];
}

/**
 * The CORS headers and early returns of one snippet. `topLevel`: 'location' for configuration-snippet,
 * 'server' for server-snippet. `at` maps a snippet offset to the file; `whole` is the range used when it cannot.
 */
export function readSnippet(
  snippet: string,
  via: string,
  topLevel: 'server' | 'location',
  at: (i: number) => number | undefined,
  whole: Range,
  ifBase: number,
): SnippetCors {
  const tokens = tokenize(snippet);
  const out: SnippetCors = { headers: [], returns: [] };
  const vars = new Map<string, HandCondition[]>();
  const range = (a: number, b: number): Range => {
    const s = at(a);
    const e = at(b - 1);
    return s !== undefined && e !== undefined ? { start: s, end: e + 1 } : whole;
  };
  let ifCount = ifBase;
  const walk = (i: number, scope: Scope): number => {
    while (i < tokens.length) {
      const t = tokens[i];
      if (t.punct && t.text === '}') return i + 1;
      if (t.punct) {
        i++;
        continue;
      }
      let j = i;
      while (j < tokens.length && !tokens[j].punct) j++;
      const words = tokens.slice(i, j);
      const end = j < tokens.length ? tokens[j] : words[words.length - 1];
      if (end.punct && end.text === '{') {
        const name = t.text;
        let inner: Scope;
        if (name === 'if') {
          const cond = parseCondition(words.slice(1).map((w) => snippet.slice(w.start, w.end)));
          inner = {
            level: scope.level === 'other' ? 'other' : 'if',
            conditions: cond ? [...scope.conditions, cond] : [...scope.conditions, { variable: 'method', op: '=', value: '\u0000unknown' }],
            ifBlock: ifCount++,
          };
        } else inner = { level: 'other', conditions: scope.conditions };
        i = walk(j + 1, inner);
        continue;
      }
      directive(words, scope, range(t.start, end.end), { via, out, vars, range });
      i = j + 1;
    }
    return i;
  };
  walk(0, { level: topLevel, conditions: [] });
  return out;
}

/** The conditions under which a value echoes the Origin (undefined: it does not). */
function echoOf(value: string, vars: Map<string, HandCondition[]>): HandCondition[] | undefined {
  const v = value.trim();
  if (/^\$(http_origin|\{http_origin\})$/.test(v)) return [];
  const m = /^\$\{?([A-Za-z0-9_]+)\}?$/.exec(v);
  return m ? vars.get('$' + m[1]) : undefined;
}

/** One directive of a snippet: a header, a `set` of a variable from the Origin, or a `return`. */
function directive(
  words: Token[],
  scope: Scope,
  r: Range,
  ctx: { via: string; out: SnippetCors; vars: Map<string, HandCondition[]>; range: (a: number, b: number) => Range },
): void {
  const { via, out, vars, range } = ctx;
  const name = words[0].text;
  const base = { via, level: scope.level, ifBlock: scope.ifBlock, range: r };
  if (name === 'add_header' && words.length >= 3) {
    const [, n, v] = words;
    const echo = echoOf(v.text, vars);
    out.headers.push({
      ...base,
      name: n.text,
      value: v.text,
      echo: echo !== undefined,
      conditions: scope.conditions,
      valueConditions: echo ?? [],
      always: words.slice(3).some((w) => w.text === 'always'),
      directive: 'add_header',
      nameRange: range(n.start, n.end),
      valueRange: range(v.start, v.end),
    });
  } else if (name === 'more_set_headers') {
    const restricted = words.some((w) => w.text === '-s' || w.text === '-t');
    for (let k = 1; k < words.length; k++) {
      const w = words[k];
      if (w.text === '-s' || w.text === '-t') {
        k++;
        continue;
      }
      const colon = w.text.indexOf(':');
      if (colon <= 0) continue;
      const value = w.text.slice(colon + 1).trim();
      const echo = echoOf(value, vars);
      out.headers.push({
        ...base,
        name: w.text.slice(0, colon).trim(),
        value,
        echo: echo !== undefined,
        conditions: scope.conditions,
        valueConditions: echo ?? [],
        always: !restricted,
        directive: 'more_set_headers',
        nameRange: range(w.start, w.end),
        valueRange: range(w.start, w.end),
      });
    }
  } else if (name === 'set' && words.length >= 3) {
    const echo = echoOf(words[2].text, vars);
    if (echo) vars.set(words[1].text, [...scope.conditions, ...echo]);
    else vars.delete(words[1].text);
  } else if (name === 'return' && words.length >= 2 && /^\d{3}$/.test(words[1].text)) {
    out.returns.push({
      status: Number(words[1].text),
      conditions: scope.conditions,
      ifBlock: scope.ifBlock,
      level: scope.level,
      range: r,
      via,
    });
  }
}

/** Whether an nginx condition holds for a request (regexes are PCRE; JavaScript's RegExp is close enough here). */
export function conditionHolds(c: HandCondition, origin: string | null, method: string): boolean {
  const subject = c.variable === 'origin' ? (origin ?? '') : method;
  const neg = c.op.startsWith('!');
  let r: boolean;
  if (c.op === '=' || c.op === '!=') r = subject === c.value;
  else {
    try {
      r = new RegExp(c.value, c.op.endsWith('*') ? 'i' : '').test(subject);
    } catch {
      r = false;
    }
  }
  return neg ? !r : r;
}
