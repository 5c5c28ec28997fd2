/**
 * Step 1a, fast: `yaml`'s Parser (lexer tokens → token tree, the CST) for what parse/fastLexer.ts lexes, without
 * generators: `fastTokens(text, onNewLine)` returns what `Array.from(new Parser(onNewLine).parse(text))` returns,
 * token for token (types, offsets, indents, sources, the same arrays in the same places), and calls `onNewLine` with
 * the same offsets; or undefined, having called nothing, when the text leaves the subset. Each step below is the
 * Parser's step of the same name (the collection steps in parse/fastBlocks.ts and fastFlow.ts) for the token types
 * the lexer lets through; where the Parser would report an error, or reach a branch for other tokens, the text
 * leaves. test/unit/fast-tokens.test.ts compares the trees with `yaml`'s on every YAML file of the repository, on
 * mutations of them and on generated documents. Source: `yaml` 2.8 src/parse/parser.ts
 * (docs/reference/yaml-composer.md, "The fast token path").
 */
import type { CST } from 'yaml';
import { blockMap, blockSequence } from './fastBlocks';
import { fixFlowSeqItems, flowCollection } from './fastFlow';
import { LEAVE_TOKENS, leaveTokens, lexInto, type SinkTokenType, type TokenSink } from './fastLexer';
import {
  findNonEmptyIndex,
  getFirstKeyStartProps,
  getPrevProps,
  isCollection,
  type BlockMap,
  type BlockSeq,
  type Doc,
  type FlowCollection,
  type Frame,
  type Item,
  type Node,
  type SourceToken,
  type Steps,
} from './fastTree';

/**
 * The token tree of `text` as `yaml`'s Parser builds it, or undefined when `text` leaves the subset (tabs, a `\r`
 * without its `\n`, a byte order mark, and what parse/fastLexer.ts lists). `onNewLine` (a LineCounter's addNewLine)
 * sees the offsets the Parser would give it, only when the tree is returned.
 */
export function fastTokens(text: string, onNewLine?: (offset: number) => void): CST.Token[] | undefined {
  if (text.includes('\t') || text.charCodeAt(0) === 0xfeff || loneCr(text)) return undefined;
  const p = new FastParser();
  try {
    lexInto(text, p);
    while (p.stack.length > 0) p.pop();
  } catch (e) {
    if (e === LEAVE_TOKENS) return undefined;
    throw e;
  }
  if (onNewLine) for (const o of p.newlines) onNewLine(o);
  return p.out as CST.Token[];
}

/** Whether a `\r` of `text` is not followed by `\n` (the lexer takes `\r` only as part of a `\r\n`). */
function loneCr(text: string): boolean {
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}

class FastParser implements TokenSink, Steps {
  atNewLine = true;
  indent = 0;
  offset = 0;
  onKeyLine = false;
  stack: Frame[] = [];
  source = '';
  type = '';
  readonly out: (Frame | SourceToken)[] = [];
  /** The Parser's onNewLine calls, made once the whole text is known to be in the subset. */
  readonly newlines: number[] = [0];

  token(type: SinkTokenType, source: string): void {
    this.source = source;
    this.type = type;
    this.step();
    switch (type) {
      case 'newline':
        this.atNewLine = true;
        this.indent = 0;
        this.newlines.push(this.offset + source.length);
        break;
      case 'space':
        if (this.atNewLine && source.charCodeAt(0) === 32) this.indent += source.length;
        break;
      case 'map-value-ind':
      case 'seq-item-ind':
        if (this.atNewLine) this.indent += source.length;
        break;
      case 'doc-mode':
        return;
      default:
        this.atNewLine = false;
    }
    this.offset += source.length;
  }

  plain(source: string): void {
    this.atNewLine = false;
    this.type = 'scalar';
    this.source = source;
    this.step();
    this.offset += source.length;
  }

  sourceToken(): SourceToken {
    return { type: this.type, offset: this.offset, indent: this.indent, source: this.source } as SourceToken;
  }

  private peek(n: number): Frame | undefined {
    return this.stack[this.stack.length - n];
  }

  step(): void {
    const top = this.peek(1);
    if (!top) this.stream();
    else if (top.type === 'document') this.document(top);
    else if (top.type === 'block-map') blockMap(this, top);
    else if (top.type === 'block-seq') blockSequence(this, top);
    else if (top.type === 'flow-collection') flowCollection(this, top);
    else if (top.type === 'scalar' || top.type === 'single-quoted-scalar' || top.type === 'double-quoted-scalar') this.scalar(top);
    else leaveTokens();
  }

  pop(): void {
    const token = this.stack.pop()!;
    if (this.stack.length === 0) {
      this.out.push(token);
      return;
    }
    const top = this.peek(1)!;
    if (token.type === 'flow-collection') {
      // A flow collection at the top ignores indentation.
      if (top.type === 'document') token.indent = 0;
      fixFlowSeqItems(token);
    }
    switch (top.type) {
      case 'document':
        top.value = token as Node;
        break;
      case 'block-map': {
        const it = top.items[top.items.length - 1];
        if (it.value) {
          top.items.push({ start: [], key: token as Node, sep: [] });
          this.onKeyLine = true;
          return;
        } else if (it.sep) it.value = token as Node;
        else {
          Object.assign(it, { key: token, sep: [] });
          this.onKeyLine = true;
          return;
        }
        break;
      }
      case 'block-seq': {
        const it = top.items[top.items.length - 1];
        if (it.value) top.items.push({ start: [], value: token as Node });
        else it.value = token as Node;
        break;
      }
      case 'flow-collection': {
        const it = top.items[top.items.length - 1] as Item | undefined;
        if (!it || it.value) top.items.push({ start: [], key: token as Node, sep: [] });
        else if (it.sep) it.value = token as Node;
        else Object.assign(it, { key: token, sep: [] });
        return;
      }
      default:
        leaveTokens();
    }
    // (`top` is a document or a block collection here.)
    if (isCollection(token)) this.trailingLines(top, token as BlockMap | BlockSeq);
  }

  /** Blank and comment lines at the end of a collection that belong after it (the end of pop). */
  private trailingLines(top: Frame, token: BlockMap | BlockSeq): void {
    const last = token.items[token.items.length - 1] as Item | undefined;
    if (
      last &&
      !last.sep &&
      !last.value &&
      last.start.length > 0 &&
      findNonEmptyIndex(last.start) === -1 &&
      (token.indent === 0 || last.start.every((st) => st.type !== 'comment' || st.indent < token.indent))
    ) {
      if (top.type === 'document') top.end = last.start;
      else (top as BlockMap | BlockSeq).items.push({ start: last.start });
      token.items.splice(-1, 1);
    }
  }

  private stream(): void {
    switch (this.type) {
      case 'space':
      case 'comment':
      case 'newline':
        this.out.push(this.sourceToken());
        return;
      case 'doc-mode':
      case 'doc-start': {
        const doc: Doc = { type: 'document', offset: this.offset, start: [] };
        if (this.type === 'doc-start') doc.start.push(this.sourceToken());
        this.stack.push(doc);
        return;
      }
    }
    leaveTokens();
  }

  private document(doc: Doc): void {
    if (doc.value) {
      this.lineEnd(doc);
      return;
    }
    switch (this.type) {
      case 'doc-start':
        if (findNonEmptyIndex(doc.start) !== -1) {
          this.pop();
          this.step();
        } else doc.start.push(this.sourceToken());
        return;
      case 'space':
      case 'comment':
      case 'newline':
        doc.start.push(this.sourceToken());
        return;
    }
    const bv = this.startBlockValue(doc);
    if (bv) this.stack.push(bv);
    else leaveTokens();
  }

  private scalar(scalar: CST.FlowScalar): void {
    if (this.type !== 'map-value-ind') {
      this.lineEnd(scalar);
      return;
    }
    const prev = getPrevProps(this.peek(2)!);
    const start = getFirstKeyStartProps(prev);
    let sep: SourceToken[];
    if (scalar.end) {
      sep = scalar.end;
      sep.push(this.sourceToken());
      delete scalar.end;
    } else sep = [this.sourceToken()];
    this.onKeyLine = true;
    this.stack[this.stack.length - 1] = {
      type: 'block-map',
      offset: scalar.offset,
      indent: scalar.indent,
      items: [{ start, key: scalar, sep }],
    };
  }

  flowScalar(): CST.FlowScalar {
    return { type: this.type, offset: this.offset, indent: this.indent, source: this.source } as CST.FlowScalar;
  }

  startBlockValue(parent: Frame): Node | null {
    switch (this.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        return this.flowScalar();
      case 'seq-item-ind':
        return { type: 'block-seq', offset: this.offset, indent: this.indent, items: [{ start: [this.sourceToken()] }] };
      case 'flow-map-start':
      case 'flow-seq-start':
        return { type: 'flow-collection', offset: this.offset, indent: this.indent, start: this.sourceToken(), items: [], end: [] };
      case 'map-value-ind': {
        this.onKeyLine = true;
        const start = getFirstKeyStartProps(getPrevProps(parent));
        return { type: 'block-map', offset: this.offset, indent: this.indent, items: [{ start, key: null, sep: [this.sourceToken()] }] };
      }
    }
    return null;
  }

  atIndentedComment(start: readonly SourceToken[], indent: number): boolean {
    if (this.type !== 'comment' || this.indent <= indent) return false;
    return start.every((st) => st.type === 'newline' || st.type === 'space');
  }

  lineEnd(token: Doc | CST.FlowScalar | FlowCollection): void {
    switch (this.type) {
      case 'comma':
      case 'doc-start':
      case 'flow-seq-end':
      case 'flow-map-end':
      case 'map-value-ind':
        this.pop();
        this.step();
        return;
      case 'newline':
        this.onKeyLine = false;
    }
    if (token.end) token.end.push(this.sourceToken());
    else token.end = [this.sourceToken()];
    if (this.type === 'newline') this.pop();
  }
}
