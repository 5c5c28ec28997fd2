import type { TextLike } from '../util/pieceText';

/** Offset ↔ line/column conversion, independent of the YAML parser (works for unparsed files too). */
export class LineIndex {
  private computed: number[] | undefined;
  /** `lineStarts` may come from the parser's LineCounter (same offsets), saving a scan of the text. */
  constructor(
    readonly text: TextLike,
    lineStarts?: number[],
  ) {
    this.computed = lineStarts && lineStarts.length > 0 ? lineStarts : undefined;
  }
  private get starts(): number[] {
    if (!this.computed) {
      const s = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) s.push(i + 1);
      this.computed = s;
    }
    return this.computed;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  /** 0-based line and column (UTF-16 code units). */
  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }
  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[line];
    const end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return Math.min(start + Math.max(0, character), end);
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
  /** Offset of the end of the line's content (before \r\n or \n). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return next > 0 && this.text.charCodeAt(next - 1) === 13 && next - 1 >= this.lineStart(line) ? next - 1 : next;
  }
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
