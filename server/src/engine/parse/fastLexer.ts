/**
 * Step 1a, fast: `yaml`'s Lexer for the lines values files and manifests are made of, without generators.
 *
 * `yaml` lexes with a chain of generator functions that yield one string per token (the parser then tells the token's
 * type from the string); on a small values file that chain costs about as much as everything the engine does after
 * parsing. This is the same state machine (stream → line start → block start → document → flow, plain and quoted
 * scalars), with the same decisions in the same order, handing each token and its type straight to the parser
 * (parse/fastParser.ts). It covers: block mappings and sequences, one-line plain and quoted scalars, flow collections
 * on one line, comments, blank lines and `---`, with `\n` or `\r\n`. Anything else (tabs, a `\r` alone, a byte order
 * mark, directives, `...`,
 * anchors, aliases, tags, block scalars, explicit keys, scalars or flow collections over several lines, comments in
 * flow collections, an unclosed quote) throws LEAVE_TOKENS, and the caller lexes and parses the whole text with
 * `yaml`. Source: `yaml` 2.8 src/parse/lexer.ts (docs/reference/yaml-composer.md, "The fast token path").
 */

/** The parser side of the lexer: one call per token, as `yaml`'s Parser.next receives them. */
export interface TokenSink {
  /** A token that is not a plain scalar, with the type `yaml`'s tokenType gives its source. */
  token(type: SinkTokenType, source: string): void;
  /** A plain scalar (`yaml` yields a scalar marker, then the source). */
  plain(source: string): void;
}

export type SinkTokenType =
  | 'doc-mode'
  | 'doc-start'
  | 'newline'
  | 'space'
  | 'comment'
  | 'seq-item-ind'
  | 'map-value-ind'
  | 'single-quoted-scalar'
  | 'double-quoted-scalar'
  | 'flow-map-start'
  | 'flow-map-end'
  | 'flow-seq-start'
  | 'flow-seq-end'
  | 'comma';

/** Thrown where the text leaves what this lexer and the parser after it (parse/fastParser.ts) cover. */
export const LEAVE_TOKENS = new Error('outside the fast token path');
export const leaveTokens = (): never => {
  throw LEAVE_TOKENS;
};

const SPACE = 32;
const NL = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOT = 46;
const COMMA = 44;

/** `yaml`'s flowIndicatorChars: `,[]{}`. */
const isFlowIndicator = (c: number) => c === COMMA || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;

/** `yaml`'s isEmpty for the characters this lexer lets through (no tab): end of text, space, `\n`, `\r`. */
const isEmpty = (c: number) => c !== c || c === SPACE || c === NL || c === CR;

const enum State {
  Stream,
  LineStart,
  Doc,
  Flow,
}

/**
 * Lexes `text` into `sink`. The caller has checked that `text` has no tab, no `\r` and no byte order mark; the
 * rest of the subset is checked here, token by token (LEAVE_TOKENS).
 */
export function lexInto(text: string, sink: TokenSink): void {
  new FastLexer(text, sink).run();
}

class FastLexer {
  private pos = 0;
  /** Lines more indented than this continue a plain scalar (`yaml`'s indentNext). */
  private indentNext = 0;
  /** The indentation of the current line, `- ` indicators included (`yaml`'s indentValue). */
  private indentValue = 0;
  /** How many flow collections are open (`yaml`'s flowLevel); they open and close on one line here. */
  private flowLevel = 0;
  /** Whether a `:` right after this point is a value indicator in a flow collection (`yaml`'s flowKey). */
  private flowKey = false;

  constructor(
    private readonly text: string,
    private readonly sink: TokenSink,
  ) {}

  run(): void {
    const n = this.text.length;
    let next = State.Stream;
    while (this.pos < n)
      next = next === State.Doc ? this.doc() : next === State.Flow ? this.flow() : next === State.Stream ? this.stream() : this.lineStart();
  }

  private code(i: number): number {
    return this.text.charCodeAt(i);
  }

  /** Where the current line's text ends: its `\n`, or the `\r` of its `\r\n` (`yaml`'s getLine). */
  private lineEnd(): number {
    const nl = this.text.indexOf('\n', this.pos);
    if (nl < 0) return this.text.length;
    return this.code(nl - 1) === CR && nl > this.pos ? nl - 1 : nl;
  }

  /** Emits text[pos, end) as one token (nothing when empty). */
  private push(type: SinkTokenType, end: number): number {
    const n = end - this.pos;
    if (n > 0) {
      this.sink.token(type, this.text.slice(this.pos, end));
      this.pos = end;
    }
    return n;
  }

  private spaces(): number {
    let i = this.pos;
    while (this.code(i) === SPACE) i++;
    return this.push('space', i);
  }

  private newline(): void {
    const c = this.code(this.pos);
    if (c === NL) this.push('newline', this.pos + 1);
    else if (c === CR) this.push('newline', this.pos + 2); // (the caller checked that every `\r` has its `\n`)
  }

  /** Between documents: blank and comment lines, else a document starts here (`yaml`'s parseStream). */
  private stream(): State {
    const c = this.code(this.pos);
    if (c === 0x25 /* % */ || c === 0xfeff) leaveTokens();
    let i = this.pos;
    while (this.code(i) === SPACE) i++;
    const e = this.code(i);
    if (e !== e || e === HASH || e === NL || e === CR) {
      const end = this.lineEnd();
      this.spaces();
      this.push('comment', end);
      this.newline();
      return State.Stream;
    }
    this.sink.token('doc-mode', '\x02');
    return this.lineStart();
  }

  /** `---`, or a line's indentation and its `- ` indicators (`yaml`'s parseLineStart and parseBlockStart). */
  private lineStart(): State {
    const c = this.code(this.pos);
    if ((c === DASH || c === DOT) && isEmpty(this.code(this.pos + 3))) {
      const s = this.text.slice(this.pos, this.pos + 3);
      if (s === '...') leaveTokens();
      if (s === '---') {
        this.push('doc-start', this.pos + 3);
        this.indentValue = 0;
        this.indentNext = 0;
        return State.Doc;
      }
    }
    this.indentValue = this.spaces();
    if (this.indentNext > this.indentValue && !isEmpty(this.code(this.pos + 1))) this.indentNext = this.indentValue;
    for (;;) {
      const c0 = this.code(this.pos);
      if ((c0 !== DASH && c0 !== 0x3f /* ? */ && c0 !== COLON) || !isEmpty(this.code(this.pos + 1))) return State.Doc;
      if (c0 !== DASH) leaveTokens();
      const n = this.push('seq-item-ind', this.pos + 1) + this.spaces();
      this.indentNext = this.indentValue + 1;
      this.indentValue += n;
    }
  }

  /** The rest of a line: indicators, a scalar, a comment, the line break (`yaml`'s parseDocument). */
  private doc(): State {
    this.spaces();
    const end = this.lineEnd();
    this.indicators();
    if (this.pos === end) {
      this.newline();
      return this.lineStart();
    }
    switch (this.code(this.pos)) {
      case HASH:
        this.push('comment', end);
        this.newline();
        return this.lineStart();
      case 0x22: // "
      case 0x27: // '
        return this.quoted();
      case 0x7b: // {
      case 0x5b: // [
        this.flowKey = false;
        this.flowLevel = 1;
        this.push(this.code(this.pos) === 0x7b ? 'flow-map-start' : 'flow-seq-start', this.pos + 1);
        return State.Flow;
      case 0x7d: // }
      case 0x5d: // ]
      case 0x2a: // *
      case 0x7c: // |
      case 0x3e: // >
        return leaveTokens();
      default:
        return this.plain();
    }
  }

  /** `: ` (`yaml`'s pushIndicators; anchors, tags, `? ` and `- ` after content leave). */
  private indicators(): void {
    for (;;) {
      const c = this.code(this.pos);
      if (c === 0x21 /* ! */ || c === 0x26 /* & */) leaveTokens();
      if (c !== DASH && c !== 0x3f && c !== COLON) return;
      const c1 = this.code(this.pos + 1);
      if (!isEmpty(c1) && !(this.flowLevel > 0 && isFlowIndicator(c1))) return;
      if (c !== COLON) leaveTokens();
      if (this.flowLevel === 0) this.indentNext = this.indentValue + 1;
      else this.flowKey = false;
      this.push('map-value-ind', this.pos + 1);
      this.spaces();
    }
  }

  /** Inside a flow collection, on its line (`yaml`'s parseFlowCollection; a line break or a comment inside leaves). */
  private flow(): State {
    this.spaces();
    while (this.code(this.pos) === COMMA) {
      this.push('comma', this.pos + 1);
      this.spaces();
      this.flowKey = false;
    }
    this.indicators();
    const c = this.code(this.pos);
    switch (c) {
      case 0x7b: // {
      case 0x5b: // [
        this.flowKey = false;
        this.flowLevel += 1;
        this.push(c === 0x7b ? 'flow-map-start' : 'flow-seq-start', this.pos + 1);
        return State.Flow;
      case 0x7d: // }
      case 0x5d: // ]
        this.flowKey = true;
        this.flowLevel -= 1;
        this.push(c === 0x7d ? 'flow-map-end' : 'flow-seq-end', this.pos + 1);
        return this.flowLevel ? State.Flow : State.Doc;
      case 0x22: // "
      case 0x27: // '
        this.flowKey = true;
        return this.quoted();
      case COLON: {
        const next = this.code(this.pos + 1);
        if (this.flowKey || isEmpty(next) || next === COMMA) {
          this.flowKey = false;
          this.push('map-value-ind', this.pos + 1);
          this.spaces();
          return State.Flow;
        }
        break;
      }
      case NL:
      case CR:
      case HASH:
      case 0x2a: // *
        return leaveTokens();
    }
    if (c !== c) leaveTokens();
    this.flowKey = false;
    return this.plain();
  }

  /** A one-line quoted scalar (`yaml`'s parseQuotedScalar: the closing quote, skipping `''` and `\"`). */
  private quoted(): State {
    const { text, pos } = this;
    const quote = text[pos];
    let end = text.indexOf(quote, pos + 1);
    if (quote === "'") while (end !== -1 && text.charCodeAt(end + 1) === 0x27) end = text.indexOf("'", end + 2);
    else
      while (end !== -1) {
        let n = 0;
        while (text.charCodeAt(end - 1 - n) === 0x5c) n++;
        if (n % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
    if (end === -1) leaveTokens();
    const nl = text.indexOf('\n', pos);
    if (nl !== -1 && nl < end) leaveTokens();
    this.push(quote === '"' ? 'double-quoted-scalar' : 'single-quoted-scalar', end + 1);
    return this.flowLevel ? State.Flow : State.Doc;
  }

  /** A plain scalar up to `: `, ` #` or its line's end (`yaml`'s parsePlainScalar; a second line leaves). */
  private plain(): State {
    const { text } = this;
    const inFlow = this.flowLevel > 0;
    let end = this.pos - 1;
    let i = this.pos - 1;
    for (;;) {
      const c = text.charCodeAt(++i);
      if (c !== c) break;
      if (c === COLON) {
        const next = text.charCodeAt(i + 1);
        if (isEmpty(next) || (inFlow && isFlowIndicator(next))) break;
        end = i;
      } else if (c === SPACE || c === NL || c === CR) {
        let next = text.charCodeAt(i + 1);
        let nl = c === NL;
        if (c === CR) {
          // `\r\n` (a lone `\r` never gets here)
          i += 1;
          nl = true;
          next = text.charCodeAt(i + 1);
        }
        if (next === HASH || (inFlow && isFlowIndicator(next))) break;
        if (nl) {
          const cs = this.continueScalar(i + 1);
          if (cs === -1) break;
          i = Math.max(i, cs - 2);
        }
      } else if (inFlow && isFlowIndicator(c)) break;
      else end = i;
    }
    const source = text.slice(this.pos, end + 1);
    if (source.includes('\n')) leaveTokens();
    this.sink.plain(source);
    this.pos += source.length;
    return inFlow ? State.Flow : State.Doc;
  }

  /** Where the next line would continue a plain scalar, or -1 (`yaml`'s continueScalar). */
  private continueScalar(offset: number): number {
    let c = this.code(offset);
    if (this.indentNext > 0) {
      let indent = 0;
      while (c === SPACE) c = this.code(++indent + offset);
      if (c === CR) return offset + indent + 1;
      return c === NL || indent >= this.indentNext ? offset + indent : -1;
    }
    if ((c === DASH || c === DOT) && isEmpty(this.code(offset + 3))) {
      const dt = this.text.slice(offset, offset + 3);
      if (dt === '---' || dt === '...') return -1;
    }
    return offset;
  }
}
