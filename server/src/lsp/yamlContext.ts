/**
 * Where the cursor is in a YAML block mapping, from the lines above it and their indentation. Works on
 * incomplete lines (`    nginx.ingress.kubernetes.io/cor`, a bare indented line) where the YAML
 * parser cannot say anything useful yet.
 */
import type { LineIndex } from '../engine/index';

export interface CursorContext {
  /** Keys of the enclosing mappings, outermost first (umbrella keys `vcluster-platform`/`loft` removed). */
  path: string[];
  kind: 'key' | 'value';
  /** 0-based line of the cursor. */
  line: number;
  /** Column of the key on the current line. */
  indent: number;
  /** Offsets of the key token on the line (quotes included) and the typed part before the cursor. */
  keyStart: number;
  keyEnd: number;
  keyPrefix: string;
  /** Whether `:` follows the key on this line. */
  hasColon: boolean;
  /** For value context: the key (unquoted), the value's offsets (comment excluded) and the text before the cursor. */
  key?: string;
  valueStart: number;
  valueEnd: number;
  valuePrefix: string;
}

const UMBRELLA = new Set(['vcluster-platform', 'loft']);

function unquote(k: string): string {
  const t = k.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) return t.slice(1, -1);
  return t;
}

/** Index of the mapping colon in a line (`:` followed by a space or the end, outside quotes), or -1. */
export function mappingColon(s: string, from = 0): number {
  let quote: string | undefined;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) {
        if (quote === "'" && s[i + 1] === "'") i++;
        else quote = undefined;
      } else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (i === from || /[\s]/.test(s[i - 1]) || i === firstNonSpace(s, from))) {
      quote = c;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return -1;
    if (c === ':' && (i + 1 === s.length || s[i + 1] === ' ' || s[i + 1] === '\t')) return i;
  }
  return -1;
}

function firstNonSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

/** Start of a trailing ` # comment` (outside quotes) in `s` after `from`, or s.length. */
function commentStart(s: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (i === from || /\s/.test(s[i - 1]))) quote = c;
    else if (c === '#' && (i === from || /\s/.test(s[i - 1]))) return i;
  }
  return s.length;
}

/** The key column of a line: after indentation and any `- ` sequence indicators. */
function keyColumn(s: string): { col: number; dash: boolean } {
  let i = 0;
  let dash = false;
  for (;;) {
    while (i < s.length && s[i] === ' ') i++;
    if (s[i] === '-' && (s[i + 1] === ' ' || i + 1 === s.length)) {
      dash = true;
      i++;
      continue;
    }
    return { col: i, dash };
  }
}

export function cursorContext(lines: LineIndex, line: number, character: number): CursorContext | undefined {
  const text = lines.lineText(line);
  const col = Math.min(character, text.length);
  const before = text.slice(0, col);
  const ls = lines.lineStart(line);
  if (/^\s*#/.test(before)) return undefined;
  if (/^(---|\.\.\.)/.test(text)) return undefined;
  const { col: kc, dash } = keyColumn(text);
  if (dash) return undefined; // sequences hold no CORS settings
  // A blank line (or only spaces up to the cursor): the cursor column is the indentation.
  const indent = text.trim() === '' ? col : kc;
  if (col < indent) return undefined;
  const colon = mappingColon(text, indent);
  // Inside a trailing comment?
  const cStart = commentStart(text, colon >= 0 ? colon + 1 : indent);
  if (col > cStart) return undefined;

  const path = parentPath(lines, line, indent);
  if (!path) return undefined;
  while (path.length > 0 && UMBRELLA.has(path[0]) && path.length > 1) path.shift();
  if (path.length === 1 && UMBRELLA.has(path[0])) path.shift();

  if (colon >= 0 && col > colon) {
    let vs = colon + 1;
    while (vs < text.length && (text[vs] === ' ' || text[vs] === '\t')) vs++;
    let ve = commentStart(text, vs);
    while (ve > vs && /\s/.test(text[ve - 1])) ve--;
    if (col < vs) vs = col;
    if (ve < col) ve = col;
    return {
      path,
      kind: 'value',
      line,
      indent,
      keyStart: ls + indent,
      keyEnd: ls + colon,
      keyPrefix: text.slice(indent, colon),
      hasColon: true,
      key: unquote(text.slice(indent, colon)),
      valueStart: ls + vs,
      valueEnd: ls + ve,
      valuePrefix: text.slice(vs, col),
    };
  }
  // Key context: the key token runs from the indentation to the colon (or to the end of the word).
  let ke = colon >= 0 ? colon : indent;
  if (colon < 0) {
    while (ke < text.length && !/\s/.test(text[ke])) ke++;
    if (ke < col) ke = col;
  }
  return {
    path,
    kind: 'key',
    line,
    indent,
    keyStart: ls + indent,
    keyEnd: ls + ke,
    keyPrefix: text.slice(indent, col),
    hasColon: colon >= 0,
    valueStart: ls + ke,
    valueEnd: ls + ke,
    valuePrefix: '',
  };
}

/** Keys of the mappings that enclose a line whose key is at `indent`, or undefined when it is not in a block mapping. */
export function parentPath(lines: LineIndex, line: number, indent: number): string[] | undefined {
  const path: string[] = [];
  let target = indent;
  for (let l = line - 1; l >= 0 && target > 0; l--) {
    const t = lines.lineText(l);
    if (t.trim() === '' || /^\s*#/.test(t)) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(t)) return undefined;
    const { col, dash } = keyColumn(t);
    if (col >= target) continue;
    if (dash) return undefined;
    const colon = mappingColon(t, col);
    if (colon < 0) return undefined;
    const rest = t.slice(colon + 1);
    const value = rest.slice(0, commentStart(rest, 0)).trim();
    // A parent key has no value on its line (or a block mapping anchor/tag only).
    if (value !== '' && !/^(&\S+|!\S+)(\s+(&\S+|!\S+))?$/.test(value)) return undefined;
    path.unshift(unquote(t.slice(col, colon)));
    target = col;
  }
  return target === 0 || path.length === 0 ? path : undefined;
}
