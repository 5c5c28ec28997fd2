/**
 * The token tree of parse/fastParser.ts: the shapes of `yaml`'s CST nodes it builds, the Parser's helper functions
 * (same names as in `yaml` 2.8 src/parse/parser.ts) and what the collection steps (parse/fastBlocks.ts) use of the
 * parser. See docs/reference/yaml-composer.md, "The fast token path".
 */
import type { CST } from 'yaml';
import { leaveTokens } from './fastLexer';

export type SourceToken = CST.SourceToken;
type Tok = SourceToken | CST.FlowScalar;
export interface Item {
  start: SourceToken[];
  key?: Node | null;
  sep?: SourceToken[];
  value?: Node;
}
export interface BlockMap {
  type: 'block-map';
  offset: number;
  indent: number;
  items: Item[];
}
export interface BlockSeq {
  type: 'block-seq';
  offset: number;
  indent: number;
  items: Item[];
}
export interface FlowCollection {
  type: 'flow-collection';
  offset: number;
  indent: number;
  start: SourceToken;
  items: Item[];
  end: SourceToken[];
}
export interface Doc {
  type: 'document';
  offset: number;
  start: SourceToken[];
  value?: Node;
  end?: SourceToken[];
}
export type Node = Tok | BlockMap | BlockSeq | FlowCollection;
export type Frame = Doc | Node;

/** The parser as the collection steps see it (parse/fastParser.ts). */
export interface Steps {
  readonly type: string;
  readonly indent: number;
  readonly offset: number;
  onKeyLine: boolean;
  readonly stack: Frame[];
  sourceToken(): SourceToken;
  flowScalar(): CST.FlowScalar;
  startBlockValue(parent: Frame): Node | null;
  atIndentedComment(start: readonly SourceToken[], indent: number): boolean;
  pop(): void;
  step(): void;
  lineEnd(token: Doc | CST.FlowScalar | FlowCollection): void;
}

export function includesToken(list: readonly SourceToken[], type: string): boolean {
  for (let i = 0; i < list.length; ++i) if (list[i].type === type) return true;
  return false;
}

export function findNonEmptyIndex(list: readonly SourceToken[]): number {
  for (let i = 0; i < list.length; ++i) {
    const t = list[i].type;
    if (t !== 'space' && t !== 'comment' && t !== 'newline') return i;
  }
  return -1;
}

export function getPrevProps(parent: Frame): SourceToken[] {
  switch (parent.type) {
    case 'document':
      return parent.start;
    case 'block-map': {
      const it = parent.items[parent.items.length - 1];
      return it.sep ?? it.start;
    }
    case 'block-seq':
      return parent.items[parent.items.length - 1].start;
    default:
      // (A flow collection: `yaml` gives [] and builds a block mapping inside it, which the Composer rejects.)
      return leaveTokens();
  }
}

/** The spaces (and what follows them) after the last line break or indicator of `prev`, taken out of it. */
export function getFirstKeyStartProps(prev: SourceToken[]): SourceToken[] {
  if (prev.length === 0) return [];
  let i = prev.length;
  loop: while (--i >= 0) {
    switch (prev[i].type) {
      case 'doc-start':
      case 'explicit-key-ind':
      case 'map-value-ind':
      case 'seq-item-ind':
      case 'newline':
        break loop;
    }
  }
  while (prev[++i]?.type === 'space') {
    /* skip */
  }
  return prev.splice(i, prev.length);
}

export const isCollection = (t: { type: string }) => t.type === 'block-map' || t.type === 'block-seq';
