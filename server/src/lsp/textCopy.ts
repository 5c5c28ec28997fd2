/**
 * The server's copy of an open document: the `TextDocument` interface of vscode-languageserver-textdocument, with
 * the same positions (line breaks are `\r\n`, `\r` or `\n`; offsets are clamped to the text and never point
 * inside a line break) and the same line table after an edit, checked against that library by
 * test/unit/textCopy.test.ts.
 *
 * What differs is how a big text changes. A JavaScript string cannot be edited in place, so an edit makes a new
 * string; V8 builds it as a "cons" of three pieces and copies it into one flat string on first read. For a text of
 * 1 MiB or more that flat copy lands in fresh pages of V8's large-object space, which the kernel maps one 4 KB page
 * at a time: ~4 ms per edit on a 200,000-line file, whatever the edit, and a full GC every ~25 edits to take the
 * old copies back (docs/reference/lsp-latency.md). Here a big text is a PieceText (engine/util/pieceText.ts): an
 * edit copies the piece it touches, and `text()` hands the engine the pieces. `getText()` joins them (once per
 * version) for the code that needs one string.
 */
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { PIECES_MIN_LENGTH, PieceText, firstAbove, flat, type TextLike } from '../engine/index';

const CR = 13;
const LF = 10;

/** One incremental change (a range of the copy, already clamped by the caller) or a whole new text. */
export type CopyChange = { range: Range; text: string } | { text: string };

/** The starts of the lines after each line break of `text`, shifted by `base` (a `\r\n` is one break). */
function breaksIn(text: TextLike, base: number, out: number[]): number[] {
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(base + i + 1);
    return out;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== CR && c !== LF) continue;
    if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    out.push(base + i + 1);
  }
  return out;
}

export class TextCopy implements TextDocument {
  private content: TextLike;
  /** Offsets where lines start (computed on first use and after an edit at a `\r\n` seam). */
  private starts: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private ver: number,
    text: string,
    /** Texts at least this long are kept in pieces (tests lower it). */
    private readonly piecesFrom = PIECES_MIN_LENGTH,
    /** The size of the pieces (tests lower it). */
    private readonly pieceSize?: number,
  ) {
    this.content = this.contentFor(text);
  }

  /** The text as the engine reads it: the string, or a big text's pieces (engine/util/pieceText.ts). */
  text(): TextLike {
    return this.content;
  }

  get version(): number {
    return this.ver;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  getText(range?: Range): string {
    if (!range) return flat(this.content);
    const [a, b] = [this.offsetAt(range.start), this.offsetAt(range.end)];
    return a <= b ? this.content.slice(a, b) : this.content.slice(b, a);
  }

  positionAt(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.content.length));
    const starts = this.lineStarts();
    const line = firstAbove(starts, at) - 1;
    return { line, character: this.beforeBreak(at, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const start = starts[position.line];
    if (position.character <= 0) return start;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : this.content.length;
    return this.beforeBreak(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const starts = this.lineStarts();
    const at = Math.max(0, Math.min(line, starts.length - 1));
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = at + 1 < starts.length ? starts[at + 1] : this.content.length;
    const end = line >= starts.length ? this.content.length : this.beforeBreak(next, starts[at]);
    return { start: { line: at, character: 0 }, end: { line: at, character: end - starts[at] } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.lineStarts();
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1] : this.content.length;
    return this.content.slice(this.beforeBreak(next, starts[line]), next);
  }

  /** Applies the changes in order, then takes `version`. */
  update(changes: readonly CopyChange[], version: number): void {
    for (const change of changes) {
      if ('range' in change) this.replace(change.range, change.text);
      else this.reset(change.text);
    }
    this.ver = version;
  }

  private reset(text: string): void {
    this.content = this.contentFor(text);
    this.starts = undefined;
  }

  private contentFor(text: string): TextLike {
    return text.length >= this.piecesFrom ? PieceText.of(text, this.pieceSize) : text;
  }

  private replace(range: Range, insert: string): void {
    let [start, end] = [this.offsetAt(range.start), this.offsetAt(range.end)];
    if (start > end) [start, end] = [end, start];
    const old = this.content;
    const text: TextLike =
      old instanceof PieceText
        ? old.replace(start, end, insert, this.pieceSize)
        : this.contentFor(old.slice(0, start) + insert + old.slice(end));
    this.content = text;
    const starts = this.starts;
    const insertEnd = start + insert.length;
    // A `\r` and a `\n` that now meet (or were parted) at a seam change the line count: count again on next use.
    const seam = (i: number): boolean => text.charCodeAt(i - 1) === CR && text.charCodeAt(i) === LF;
    if (!starts || seam(start) || seam(insertEnd)) {
      this.starts = undefined;
      return;
    }
    // Line starts up to `start` stay, those in (start, end] go, the inserted text's come, the rest move.
    const from = firstAbove(starts, start);
    const to = firstAbove(starts, end);
    const added = breaksIn(insert, start, []);
    const delta = insert.length - (end - start);
    if (to - from === added.length) for (let i = 0; i < added.length; i++) starts[from + i] = added[i];
    else if (added.length < 10000) starts.splice(from, to - from, ...added);
    else this.starts = starts.slice(0, from).concat(added, starts.slice(to));
    if (delta !== 0) {
      const s = this.starts!;
      for (let i = from + added.length; i < s.length; i++) s[i] += delta;
    }
  }

  private lineStarts(): number[] {
    return (this.starts ??= breaksIn(this.content, 0, [0]));
  }

  /** `offset` moved back off the line break it is in or after, not before `lineStart`. */
  private beforeBreak(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart) {
      const c = this.content.charCodeAt(at - 1);
      if (c !== CR && c !== LF) break;
      at--;
    }
    return at;
  }
}
