/**
 * Step 1 of the pipeline: text → YAML documents that keep their source ranges.
 *
 * Guards against bad input: binary files and files above the size limit are not parsed (one
 * clear finding instead); aliases are never expanded while walking (see values.ts for bounded
 * expansion). Duplicate keys are detected here in linear time (the `yaml` package's own
 * uniqueKeys check is quadratic in the number of keys of a mapping).
 */
import { Alias, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq, isScalar, isDocument } from 'yaml';
import type { Node, Document } from 'yaml';
import type { ParsedFile, Range } from '../types';
import { duplicatesOf, parseIncrementally, type DuplicateRecord, type ParseCache } from './incremental';
import { utf8Length } from '../util/utf8';
import { composeDocuments } from './compose';
import { flat, type TextLike } from '../util/pieceText';

/** Values files nest a handful of levels; the parser recurses per level (and V8 can die, not throw, near the stack limit). */
export const MAX_NESTING = 200;

/**
 * A linear upper estimate of the nesting depth: flow brackets outside quotes and comments, plus block
 * indentation levels (and `- ` markers that open a sequence on the same line).
 */
export function nestingDepth(text: string): number {
  // Fast path: each level needs a bracket, a `- ` or (for block mappings) one more column of indentation than
  // the level above, so a short text with few brackets and dashes cannot nest deeper than the limit.
  if (text.length < (MAX_NESTING * (MAX_NESTING + 1)) / 2) {
    let markers = 0;
    for (const ch of ['[', '{', '-']) {
      for (let i = text.indexOf(ch); i >= 0 && markers <= MAX_NESTING; i = text.indexOf(ch, i + 1)) markers++;
    }
    if (markers <= MAX_NESTING) return markers;
  }
  let max = 0;
  let flow = 0;
  const indents: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    // line start: block indentation
    let sp = 0;
    while (i < n && text.charCodeAt(i) === 32) {
      sp++;
      i++;
    }
    let dashes = 0;
    while (i + 1 < n && text[i] === '-' && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      dashes++;
      i += 2;
      while (i < n && text[i] === ' ') i++;
    }
    const c = text[i];
    if (flow === 0 && c !== undefined && c !== '\n' && c !== '\r' && c !== '#') {
      while (indents.length && indents[indents.length - 1] >= sp) indents.pop();
      indents.push(sp);
      max = Math.max(max, indents.length + dashes);
    }
    // rest of the line: flow brackets outside quotes and comments
    let quote = '';
    while (i < n && text[i] !== '\n') {
      const ch = text[i];
      if (quote) {
        if (ch === quote) quote = '';
        else if (ch === '\\' && quote === '"') i++;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n') i++;
        break;
      } else if (ch === '[' || ch === '{') {
        flow++;
        max = Math.max(max, indents.length + flow);
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      i++;
    }
    i++;
  }
  return max;
}

/** Default limit (10 MiB): values files are a few KiB, but an edit of a big one costs what the edited block costs (incremental.ts). Configurable with `maxFileSize`. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface ParseProblem {
  kind: 'error' | 'warning' | 'duplicate-key';
  message: string;
  range: Range;
  /** For duplicate keys: the first occurrence. */
  first?: Range;
  /** For duplicate keys: the repeated key's scalar value as written, when it is a scalar. */
  valueText?: string;
}

export interface ParseOutput extends ParsedFile {
  problems: ParseProblem[];
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/** UTF-8 size, but never more work than needed for a message about a huge file. */
function utf8LengthCapped(s: string): number {
  return s.length > 64 * 1024 * 1024 ? s.length : utf8Length(s);
}

export function parseText(input: TextLike, maxFileSize = DEFAULT_MAX_FILE_SIZE, cache?: ParseCache): ParseOutput {
  const lineCounter = new LineCounter();
  const out: ParseOutput = { text: input, lineCounter, docs: [], problems: [] };
  // In the editor, an edit of a big file re-parses only the block it touched (see incremental.ts); the
  // checks below then ran on the previous version and on the re-parsed block.
  const inc = cache ? parseIncrementally(input, cache) : undefined;
  if (inc && inc.utf8Size <= maxFileSize && inc.changedDepth <= MAX_NESTING) {
    (lineCounter as { lineStarts: number[] }).lineStarts = inc.lineStarts;
    const r = inc.doc.range ?? [0, input.length, input.length];
    out.docs.push({ doc: inc.doc, range: { start: r[0], end: r[2] }, aliasFree: true }); // the incremental path never holds an alias
    duplicateProblems(inc.duplicates, out.problems);
    return out;
  }
  if (inc) cache!.reset();
  // A full parse reads one string (a big document's pieces are joined here: engine/util/pieceText.ts).
  const text = flat(input);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    out.fatal = { message: 'This is a binary file (it contains a NUL byte), not YAML: it was not linted.', range: { start: 0, end: 0 } };
    return out;
  }
  // UTF-16 length ≤ UTF-8 size, so only count bytes when it could matter.
  const size = text.length > maxFileSize ? text.length : text.length * 3 > maxFileSize ? utf8Length(text) : text.length;
  if (size > maxFileSize) {
    out.fatal = {
      message: `This file is ${formatSize(text.length > maxFileSize ? utf8LengthCapped(text) : size)}, over the ${formatSize(maxFileSize)} limit: it was not linted. The limit applies to values files and manifests; raise \`maxFileSize\` in .vcluster-cors.yaml to lint it.`,
      range: { start: 0, end: 0 },
    };
    return out;
  }
  // Feed the line counter ourselves so it also works for empty input.
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) {
    out.fatal = {
      message: `This file nests collections ${depth} levels deep (limit ${MAX_NESTING}): it was not linted. The YAML parser recurses on nesting, so deeper files could exhaust the stack.`,
      range: { start: 0, end: 0 },
    };
    return out;
  }
  let list: Document.Parsed[];
  {
    try {
      list = composeDocuments(text, lineCounter);
    } catch (e) {
      // The `yaml` parser recurses on nested flow collections; ~1,000 levels of `[[[` overflow the stack.
      const deep = e instanceof RangeError;
      out.fatal = {
        message: deep
          ? 'This file nests collections too deeply for the YAML parser (stack overflow): it was not linted.'
          : `The YAML parser failed on this file: it was not linted. ${(e as Error).message}.`,
        range: { start: 0, end: 0 },
      };
      return out;
    }
  }
  const records: DuplicateRecord[] = [];
  for (const doc of list) {
    const r = doc.range ?? [0, text.length, text.length];
    for (const e of doc.errors)
      out.problems.push({ kind: 'error', message: cleanMessage(e.message), range: errRange(e.pos, text, e.message) });
    for (const w of doc.warnings)
      out.problems.push({ kind: 'warning', message: cleanMessage(w.message), range: errRange(w.pos, text, w.message) });
    const aliasFree = findDuplicateKeys(doc, out.problems, records, text);
    out.docs.push({ doc, range: { start: r[0], end: r[2] }, aliasFree });
  }
  if (cache) cache.remember(input, list, lineCounter.lineStarts, text.length * 3 > maxFileSize ? size : utf8Length(text), records);
  return out;
}

/** The duplicate-key problems of mappings with repeated keys. */
function duplicateProblems(records: readonly DuplicateRecord[], problems: ParseProblem[]): void {
  for (const d of records) {
    for (const [p, first] of d.pairs) {
      const range = nodeRange(p.key as Node);
      const k = keyText(p.key);
      if (!range || k === undefined) continue;
      const vt = isScalar(p.value) ? (p.value.source ?? String(p.value.value)) : undefined;
      problems.push({ kind: 'duplicate-key', message: k, range, first: nodeRange(first.key as Node), valueText: vt });
    }
  }
}

function cleanMessage(m: string): string {
  // The yaml package appends " at line X, column Y" and a code frame when prettyErrors is on; we keep it off,
  // but strip a trailing period-less code hint if present.
  return m.split('\n')[0].trim();
}

/**
 * The opening quote or bracket that the parser reached the end of the file looking to close: for quotes the last
 * unescaped one (nothing after it closed it), for brackets the last one without a partner.
 */
function openerAtEnd(text: string, message: string): number | undefined {
  if (/"quote/.test(message)) {
    for (let i = text.length - 1; i >= 0; i--) if (text[i] === '"' && text[i - 1] !== '\\') return i;
  } else if (/'quote/.test(message)) {
    for (let i = text.length - 1; i >= 0; i--) {
      if (text[i] !== "'") continue;
      if (text[i - 1] === "'") {
        i--;
        continue;
      }
      return i;
    }
  } else if (/flow (sequence|mapping)|[\]}]/.test(message)) {
    let depth = 0;
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text[i];
      if (c === ']' || c === '}') depth++;
      else if (c === '[' || c === '{') {
        if (depth === 0) return i;
        depth--;
      }
    }
  }
  return undefined;
}

function errRange(pos: [number, number], text: string, message?: string): Range {
  let [start, end] = pos;
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  if (end === start && start === text.length && text.length > 0) {
    // At the end of the file: an unclosed quote or bracket. Point at the character that opened it.
    const open = message ? openerAtEnd(text, message) : undefined;
    if (open !== undefined) return { start: open, end: open + 1 };
    let i = text.length - 1;
    while (i > 0 && (text[i] === '\n' || text[i] === '\r')) i--;
    return { start: i, end: i + 1 };
  }
  if (end === start && start < text.length) {
    // Stretch a zero-width error to the end of its line so it is visible.
    const nl = text.indexOf('\n', start);
    end = nl < 0 ? text.length : nl;
    if (end === start) end = Math.min(text.length, start + 1);
  }
  return { start, end };
}

export function nodeRange(node: { range?: [number, number, number] | null } | null | undefined): Range | undefined {
  if (!node || !node.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

/** Key text used for duplicate detection and lookups ("" for complex keys). */
export function keyText(key: unknown): string | undefined {
  if (key instanceof Scalar) return key.value === null ? 'null' : String(key.value);
  return undefined;
}

/** Duplicate keys and undefined aliases of a document; whether it has no alias at all (ParsedDocument.aliasFree). */
function findDuplicateKeys(doc: Document.Parsed, problems: ParseProblem[], records: DuplicateRecord[], text: string): boolean {
  // Iterative walk (no recursion limit issues on deep documents); aliases are not followed, only recorded,
  // so aliases to anchors that do not exist can be reported (Helm fails on them; `yaml` only fails on toJS).
  // Scalars are visited where they are met instead of going through the stack (most nodes are scalars).
  // Node kinds are told by class (`instanceof`: a prototype check) rather than by `yaml`'s isX predicates, whose
  // symbol-keyed reads go megamorphic over the many shapes of parsed nodes; anchors are only read when the text
  // has an `&`.
  const withAnchors = text.includes('&');
  const stack: unknown[] = [];
  const anchors = new Set<string>();
  const aliases: { source: string; range: Range }[] = [];
  /** A key, value or item: aliases are noted, scalars' anchors recorded, collections pushed. */
  const meet = (n: unknown) => {
    if (n instanceof Scalar) {
      if (withAnchors && n.anchor) anchors.add(n.anchor);
    } else if (n instanceof Alias) {
      const r = nodeRange(n);
      if (r) aliases.push({ source: n.source, range: r });
    } else if (n) stack.push(n);
  };
  meet(doc.contents);
  while (stack.length) {
    const n = stack.pop();
    if (withAnchors) {
      const anchor = (n as { anchor?: string }).anchor;
      if (anchor) anchors.add(anchor);
    }
    if (n instanceof YAMLMap) {
      const d = duplicatesOf(n);
      if (d) {
        records.push(d);
        duplicateProblems([d], problems);
      }
      for (const p of n.items as Pair[]) {
        meet(p.key);
        meet(p.value);
      }
    } else if (n instanceof YAMLSeq) {
      for (const it of n.items) meet(it);
    } else if (n instanceof Pair) {
      meet(n.value);
    } else if (isDocument(n)) {
      meet(n.contents);
    }
  }
  for (const a of aliases) {
    if (!anchors.has(a.source))
      problems.push({
        kind: 'error',
        message: `Alias \`*${a.source}\` refers to an anchor \`&${a.source}\` that is not defined.`,
        range: a.range,
      });
  }
  return aliases.length === 0;
}

/** 1-based line/column (UTF-16 code units), as the CLI prints them. */
export function position(lc: LineCounter, offset: number): { line: number; col: number } {
  const p = lc.linePos(offset);
  return { line: p.line, col: p.col };
}
