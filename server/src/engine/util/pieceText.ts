/**
 * A big text kept as pieces instead of one string, for the editor's copy of a document of 1 MiB or more.
 *
 * Why: a JavaScript string cannot change in place. An edit of a 5.6 MB text makes a new string, which V8 copies
 * into one flat string on first read, in fresh pages of its large-object space: ~4 ms an edit on the 200,000-line
 * bench file, and a full GC every ~25 edits to take the old copies back (docs/reference/lsp-latency.md). Here an
 * edit makes a new version that shares every piece but the one or two it touches (~32 K characters each): the
 * copy per edit is that piece, in V8's regular pages.
 *
 * The engine reads texts through `TextLike`: the methods of a string it uses, with the same answers. A string is
 * a TextLike; a PieceText answers the same for the same text (test/unit/pieceText.test.ts). Code that needs a
 * real string (a regular expression over the whole text, a full parse) calls `flat(text)`, which joins the pieces
 * once per version; the editor's path for an edit that the incremental parser follows does not.
 */

import { firstAbove } from './sorted';

/** The string methods the engine reads a whole document's text with. */
export interface TextLike {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start?: number, end?: number): string;
  indexOf(search: string, position?: number): number;
  lastIndexOf(search: string, position?: number): number;
  includes(search: string, position?: number): boolean;
  startsWith(search: string, position?: number): boolean;
  toString(): string;
}

/** Texts at least this long are kept in pieces by the editor's document copy. */
export const PIECES_MIN_LENGTH = 1 << 20;

/** The size pieces are cut to (an edited piece is re-cut when it grows past twice this). */
const PIECE = 1 << 15;

/** The text as one string (joins a PieceText's pieces once per version). */
export function flat(text: TextLike): string {
  return typeof text === 'string' ? text : text.toString();
}

/** ToIntegerOrInfinity of a position argument, clamped to [0, max]; `undefined`/NaN give `dflt`. */
function clampPos(p: number | undefined, dflt: number, max: number): number {
  if (p === undefined || Number.isNaN(p)) return dflt;
  const n = Math.trunc(p);
  return n < 0 ? 0 : n > max ? max : n;
}

/** A slice bound as String.prototype.slice reads it (negative: from the end). */
function sliceBound(p: number | undefined, dflt: number, len: number): number {
  if (p === undefined) return dflt;
  const n = Number.isNaN(p) ? 0 : Math.trunc(p);
  return n < 0 ? Math.max(len + n, 0) : Math.min(n, len);
}

export class PieceText implements TextLike {
  /** Times a PieceText was joined into one string (tests check the editor's edit path does not). */
  static joins = 0;

  private joined: string | undefined;
  /** The piece read last (reads come in runs): its index, start and end. */
  private cur = 0;
  private curStart = 0;
  private curEnd: number;

  private constructor(
    private readonly pieces: readonly string[],
    /** Where each piece starts. */
    private readonly starts: readonly number[],
    readonly length: number,
  ) {
    this.curEnd = pieces[0].length;
  }

  /** `text` in pieces of `size` characters (tests use small ones). */
  static of(text: string, size = PIECE): PieceText {
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
    if (pieces.length === 0) pieces.push('');
    const t = new PieceText(pieces, startsOf(pieces), text.length);
    t.joined = text;
    return t;
  }

  /** A new version: [start, end) replaced by `insert` (0 ≤ start ≤ end ≤ length). This version is unchanged. */
  replace(start: number, end: number, insert: string, size = PIECE): PieceText {
    const a = this.pieceAt(start);
    let b = this.pieceAt(end);
    let mid = this.pieces[a].slice(0, start - this.starts[a]) + insert + this.pieces[b].slice(end - this.starts[b]);
    // A small edited piece joins the next one, so that edits do not leave a trail of tiny pieces.
    if (mid.length < size >> 1 && b + 1 < this.pieces.length) mid += this.pieces[++b];
    const fresh: string[] = [];
    if (mid.length > size << 1) for (let i = 0; i < mid.length; i += size) fresh.push(mid.slice(i, i + size));
    else if (mid.length > 0) fresh.push(mid);
    const pieces = [...this.pieces.slice(0, a), ...fresh, ...this.pieces.slice(b + 1)];
    if (pieces.length === 0) pieces.push('');
    return new PieceText(pieces, startsOf(pieces), this.length - (end - start) + insert.length);
  }

  toString(): string {
    if (this.joined === undefined) {
      PieceText.joins++;
      this.joined = this.pieces.join('');
    }
    return this.joined;
  }

  charCodeAt(index: number): number {
    if (index >= this.curStart && index < this.curEnd) return this.pieces[this.cur].charCodeAt(index - this.curStart);
    if (!(index >= 0 && index < this.length)) return NaN;
    this.select(this.pieceAt(index));
    return this.pieces[this.cur].charCodeAt(index - this.curStart);
  }

  slice(start?: number, end?: number): string {
    const len = this.length;
    const s = sliceBound(start, 0, len);
    const e = sliceBound(end, len, len);
    if (e <= s) return '';
    if (this.joined !== undefined) return this.joined.slice(s, e);
    const a = this.pieceAt(s);
    const pa = this.pieces[a];
    if (e <= this.starts[a] + pa.length) return pa.slice(s - this.starts[a], e - this.starts[a]);
    const b = this.pieceAt(e - 1);
    let out = pa.slice(s - this.starts[a]);
    for (let k = a + 1; k < b; k++) out += this.pieces[k];
    return out + this.pieces[b].slice(0, e - this.starts[b]);
  }

  indexOf(search: string, position?: number): number {
    if (this.joined !== undefined) return this.joined.indexOf(search, position);
    const len = this.length;
    let pos = clampPos(position, 0, len);
    if (search.length === 0) return pos;
    for (let k = this.pieceAt(pos); k < this.pieces.length; k++) {
      const cs = this.starts[k];
      const ce = cs + this.pieces[k].length;
      const r = this.pieces[k].indexOf(search, pos - cs);
      if (r >= 0) return cs + r;
      // Occurrences that start in this piece and end in a later one.
      if (search.length > 1 && ce < len) {
        const ws = Math.max(pos, ce - search.length + 1);
        const w = this.slice(ws, ce + search.length - 1).indexOf(search);
        if (w >= 0 && ws + w < ce) return ws + w;
      }
      pos = ce;
    }
    return -1;
  }

  lastIndexOf(search: string, position?: number): number {
    if (this.joined !== undefined) return this.joined.lastIndexOf(search, position);
    const len = this.length;
    let pos = clampPos(position, len, len);
    if (search.length === 0) return pos;
    pos = Math.min(pos, len - search.length);
    if (pos < 0) return -1;
    for (let k = this.pieceAt(pos); k >= 0; k--) {
      const cs = this.starts[k];
      const ce = cs + this.pieces[k].length;
      // Occurrences that start in this piece and end in a later one come after those inside it.
      if (search.length > 1 && ce < len) {
        const ws = Math.max(cs, ce - search.length + 1);
        if (ws <= pos) {
          const w = this.slice(ws, ce + search.length - 1).lastIndexOf(search, Math.min(pos, ce - 1) - ws);
          if (w >= 0) return ws + w;
        }
      }
      const r = this.pieces[k].lastIndexOf(search, pos - cs);
      if (r >= 0) return cs + r;
      pos = cs - 1;
      if (pos < 0) break;
    }
    return -1;
  }

  includes(search: string, position?: number): boolean {
    return this.indexOf(search, position) >= 0;
  }

  startsWith(search: string, position?: number): boolean {
    const pos = clampPos(position, 0, this.length);
    return this.slice(pos, pos + search.length) === search;
  }

  /** The index of the piece holding `offset` (the last piece for the text's end). */
  private pieceAt(offset: number): number {
    return Math.max(0, firstAbove(this.starts, offset) - 1);
  }

  private select(k: number): void {
    this.cur = k;
    this.curStart = this.starts[k];
    this.curEnd = this.curStart + this.pieces[k].length;
  }
}

function startsOf(pieces: readonly string[]): number[] {
  const starts = new Array<number>(pieces.length);
  let at = 0;
  for (let i = 0; i < pieces.length; i++) {
    starts[i] = at;
    at += pieces[i].length;
  }
  return starts;
}
