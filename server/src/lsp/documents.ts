/**
 * The server's copies of the open documents (textDocument/didOpen, didChange, didClose), kept in sync the way
 * VS Code's own text model applies edits (docs/reference/lsp-text-sync.md):
 *  - an incremental change whose range lies outside the document is clamped exactly as VS Code clamps it
 *    (past the end → the end, inside a surrogate pair → around it, start after end → swapped), so the copy
 *    matches what the editor holds when the editor applied the same change;
 *  - a change the model could not apply (no text, a range of the wrong shape) is skipped.
 * Either case makes the copy *suspect*: the server then asks the client for the document's text
 * (`vclusterCors/documentText`, when the client announced it) instead of guessing, and until the copy is
 * known to be right again (that answer, a full-text change, or a re-open) no edit is offered for it.
 * Malformed notifications are ignored with a one-line log entry; they never throw.
 */
import { typedLine } from './typing';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextCopy } from './textCopy';
import type { TextLike } from '../engine/index';
import type { Connection } from 'vscode-languageserver/node';
import { clampRange, isRange, type LineSource } from './params';

/** The lines of a document copy as clampRange needs them. */
function linesOf(doc: TextCopy): LineSource {
  const text = doc.text();
  return {
    text,
    lineCount: doc.lineCount,
    lineStart: (line) => doc.offsetAt({ line, character: 0 }),
    lineEnd(line) {
      const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : text.length;
      let end = next;
      if (end > 0 && text.charCodeAt(end - 1) === 10 && line + 1 < doc.lineCount) end--;
      if (end > 0 && text.charCodeAt(end - 1) === 13 && line + 1 < doc.lineCount) end--;
      return end;
    },
  };
}

export interface DocumentEvents {
  opened(doc: TextDocument): void;
  /** `typedLine`: the line of a typing edit (lsp/typing.ts), undefined for any other change. */
  changed(doc: TextDocument, typedLine?: number): void;
  closed(uri: string): void;
  /** The copy of `uri` may differ from the editor's (why: a short reason for the log). */
  suspect(doc: TextDocument, why: string): void;
  log(message: string): void;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Applies `changes` to `doc` like VS Code's model. Returns why the result is suspect, or undefined when every
 * change was in range and well-formed.
 */
export function applyChanges(doc: TextCopy, changes: readonly unknown[], version: number): string | undefined {
  let why: string | undefined;
  for (const change of changes) {
    if (!isObject(change) || typeof change.text !== 'string') {
      why ??= 'a change without text was skipped';
      continue;
    }
    if (change.range === undefined) {
      doc.update([{ text: change.text }], version);
      edits.delete(doc);
      indexLines(doc);
      continue;
    }
    if (!isRange(change.range)) {
      why ??= 'a change with a malformed range was skipped';
      continue;
    }
    const { range, changed } = clampRange(linesOf(doc), change.range);
    if (changed) why ??= `a change range (${show(change.range)}) outside the document was clamped to ${show(range)}`;
    const before = doc.text();
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    doc.update([{ range, text: change.text }], version);
    noteChange(doc, before, start, end, change.text.length);
  }
  return why;
}

/**
 * Has the copy find its line starts now (a TextDocument does it on first use): the next incremental change needs
 * them, and on a 200,000-line file the first keystroke after an open would wait ~15 ms for that scan.
 */
function indexLines(doc: TextDocument): void {
  doc.positionAt(0); // (any position asks for the line starts)
}

/**
 * Where a document changed since its text was last taken (takeEdit): its characters [start, baseEnd) of `base`
 * are now [start, end) of its text. Changes add up (a lint may come after several).
 */
interface EditSpan {
  base: TextLike;
  start: number;
  baseEnd: number;
  end: number;
}
const edits = new WeakMap<object, EditSpan>();

/** [start, end) of the document's previous text `before` was replaced by `length` characters. */
function noteChange(doc: TextDocument, before: TextLike, start: number, end: number, length: number): void {
  const span = edits.get(doc);
  if (!span) {
    edits.set(doc, { base: before, start, baseEnd: end, end: start + length });
    return;
  }
  // Both in the coordinates of `before`: the union of the two changed ranges; after it, `before` and `base` agree
  // shifted by (span.end - span.baseEnd).
  const last = Math.max(span.end, end);
  span.baseEnd = last - span.end + span.baseEnd;
  span.end = last + length - (end - start);
  span.start = Math.min(span.start, start);
}

/**
 * The edit from the text the document had when last taken to its current text (undefined after a full-text
 * change or when nothing changed), and from now on the changes since its current text.
 */
export function takeEdit(doc: object): { before: TextLike; start: number; beforeEnd: number } | undefined {
  const span = edits.get(doc);
  edits.delete(doc);
  return span && { before: span.base, start: span.start, beforeEnd: span.baseEnd };
}

function show(r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export class DocumentStore {
  private readonly docs = new Map<string, TextCopy>();
  /** URIs whose copy may differ from the editor's. */
  private readonly suspects = new Set<string>();

  constructor(private readonly events: DocumentEvents) {}

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  /** Where the store's copy `doc` changed since last asked (takeEdit); undefined for any other document-like. */
  editOf(doc: { uri: string }): { before: TextLike; start: number; beforeEnd: number } | undefined {
    const own = this.docs.get(doc.uri);
    return own === doc ? takeEdit(own) : undefined;
  }

  /** Whether edits computed on the server's copy of `uri` can be trusted. */
  trusted(uri: string): boolean {
    return !this.suspects.has(uri);
  }

  /** Replace the copy with the client's text for `version` (the answer to a re-sync). Returns whether it was used. */
  resync(uri: string, version: number, text: string): boolean {
    const doc = this.docs.get(uri);
    if (!doc || doc.version !== version) return false;
    doc.update([{ text }], version);
    edits.delete(doc);
    indexLines(doc);
    this.suspects.delete(uri);
    this.events.changed(doc);
    return true;
  }

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument((params) => {
      const td = (params as unknown as Record<string, unknown>)?.textDocument;
      if (!isObject(td) || typeof td.uri !== 'string' || typeof td.text !== 'string' || typeof td.version !== 'number') {
        this.events.log('textDocument/didOpen ignored: `textDocument` needs a string `uri`, a string `text` and a number `version`.');
        return;
      }
      const doc = new TextCopy(td.uri, typeof td.languageId === 'string' ? td.languageId : '', td.version, td.text);
      indexLines(doc);
      this.docs.set(td.uri, doc);
      this.suspects.delete(td.uri);
      this.events.opened(doc);
    });
    connection.onDidChangeTextDocument((params) => {
      const p = params as unknown as Record<string, unknown>;
      const td = p?.textDocument;
      if (!isObject(td) || typeof td.uri !== 'string' || typeof td.version !== 'number' || !Array.isArray(p.contentChanges)) {
        this.events.log(
          'textDocument/didChange ignored: it needs `textDocument.uri`, `textDocument.version` and a `contentChanges` array.',
        );
        return;
      }
      const doc = this.docs.get(td.uri);
      if (!doc) {
        this.events.log(`textDocument/didChange ignored: ${td.uri} is not open.`);
        return;
      }
      if (p.contentChanges.length === 0) return;
      const full = p.contentChanges.some((c) => isObject(c) && c.range === undefined && typeof c.text === 'string');
      const typed = typedLine(p.contentChanges);
      const why = applyChanges(doc, p.contentChanges, td.version);
      if (why) {
        this.suspects.add(td.uri);
        this.events.suspect(doc, why);
      } else if (full && p.contentChanges.every((c) => isObject(c) && c.range === undefined)) {
        this.suspects.delete(td.uri);
      }
      this.events.changed(doc, why ? undefined : typed);
    });
    connection.onDidCloseTextDocument((params) => {
      const td = (params as unknown as Record<string, unknown>)?.textDocument;
      if (!isObject(td) || typeof td.uri !== 'string') {
        this.events.log('textDocument/didClose ignored: `textDocument.uri` must be a string.');
        return;
      }
      if (!this.docs.delete(td.uri)) return;
      this.suspects.delete(td.uri);
      this.events.closed(td.uri);
    });
  }
}
