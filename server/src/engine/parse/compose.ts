/**
 * Step 1b: the parser's token tree (CST) → `yaml` Documents, faster than `yaml`'s own Composer for what values files
 * and manifests are made of, and identical to it.
 *
 * `parseAllDocuments` spends about half its time composing (tag tests by regex on every plain scalar, two RegExps
 * compiled per scalar to fold lines that a one-line scalar does not have, generic property and error handling).
 * Here each document of the stream is composed straight from the CST when it stays inside a subset that is checked
 * token by token: block mappings and sequences, one-line plain and quoted scalars, flow sequences and mappings
 * without comments inside, empty values, comments and blank lines, `---` and `...`. The result is the Document `yaml`
 * builds (same classes, values, ranges, comments, options). Anything else (anchors, aliases, tags, block scalars,
 * multi-line scalars, comments inside flow collections, explicit keys, tabs, directives) or anything `yaml` would
 * report as an error leaves the fast path, and that document is composed by `yaml`'s Composer from the same tokens
 * (the stream as a whole when the trouble is between documents). test/unit/compose.test.ts checks the equality against `parseAllDocuments`
 * on every YAML file of the repository and on thousands of mutations of them. Semantics and upstream sources:
 * docs/reference/yaml-composer.md.
 */
import { Composer, Document, Pair, Parser, YAMLMap, YAMLSeq } from 'yaml';
import type { CST, LineCounter, Node, Schema } from 'yaml';
import { emptyNode, node, onFastPath, props, resolveEnd } from './composeNodes';
import { fastTokens } from './fastParser';

/** The options the engine parses with (also the Composer's, for the documents it composes). */
export const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true } as const;

type Token = CST.Token;

/** Counts of documents composed here and by `yaml` (for tests and benchmarks). */
export interface ComposeStats {
  fast: number;
  yaml: number;
}

/**
 * The parser's stream, composed: what `parseAllDocuments(text, { lineCounter, ...PARSE_OPTIONS })` returns (or
 * without a line counter, `parseAllDocuments(text, PARSE_OPTIONS)`), as a plain array.
 */
export function composeDocuments(text: string, lineCounter: LineCounter | undefined, stats?: ComposeStats): Document.Parsed[] {
  // The token tree: parse/fastParser.ts's for the lines values files are made of, else `yaml`'s (the same tree).
  const addNewLine = lineCounter?.addNewLine;
  const tokens = fastTokens(text, addNewLine) ?? Array.from(new Parser(addNewLine).parse(text));
  // The documents' options, as parseAllDocuments passes them (the line counter included).
  const options = lineCounter ? { lineCounter, ...PARSE_OPTIONS } : PARSE_OPTIONS;
  const docs: Document.Parsed[] = [];
  // The stream's directives: a Document built without them carries equal ones, but the Composer passes its own
  // in the options (`_directives`), so do the same for equal documents.
  Directives ??= (new Document() as unknown as { directives: { constructor: new (y: object) => unknown } }).directives.constructor;
  const streamDirectives = new Directives({ version: '1.2' });
  let fast = 0;
  let prelude: string[] = [];
  let doc: Document.Parsed | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'document': {
        let next = fastDocument(token, streamDirectives, options);
        if (next) fast++;
        else next = yamlDocument(token, options);
        decorate(next, false, prelude);
        prelude = [];
        if (doc) docs.push(doc);
        doc = next;
        break;
      }
      case 'byte-order-mark':
      case 'space':
        break;
      case 'comment':
      case 'newline':
        prelude.push(token.source);
        break;
      case 'doc-end': {
        const end = doc ? onFastPath(() => resolveEnd(token.end, token.offset + token.source.length, true)) : undefined;
        if (!doc || !end) return yamlStream(tokens, options, stats);
        doc.directives.docEnd = true;
        decorate(doc, true, prelude);
        prelude = [];
        if (end.comment) doc.comment = doc.comment ? `${doc.comment}\n${end.comment}` : end.comment;
        doc.range[2] = end.offset;
        break;
      }
      default:
        // Directives and stream-level errors: the whole stream goes to `yaml`.
        return yamlStream(tokens, options, stats);
    }
  }
  if (doc) {
    decorate(doc, true, prelude);
    docs.push(doc);
  }
  if (stats) {
    stats.fast += fast;
    stats.yaml += docs.length - fast;
  }
  return docs;
}

/** The class of `yaml`'s directives (not exported by the package), taken from a Document once. */
let Directives: (new (y: object) => unknown) | undefined;

function yamlStream(tokens: Token[], options: object, stats?: ComposeStats): Document.Parsed[] {
  const docs: Document.Parsed[] = Array.from(new Composer(options).compose(tokens));
  if (stats) stats.yaml += docs.length;
  return docs;
}

/** One document token composed by a Composer of its own (which is what the stream's Composer does with it). */
function yamlDocument(token: CST.Document, options: object): Document.Parsed {
  const composer = new Composer(options);
  const out = [...composer.next(token), ...composer.end()];
  return out[0];
}

/** The comments and blank lines between documents, attached as the Composer does (its `decorate`). */
function decorate(doc: Document.Parsed, afterDoc: boolean, prelude: string[]): void {
  let comment = '';
  let atComment = false;
  let afterEmptyLine = false;
  for (const source of prelude) {
    if (source[0] === '#') {
      comment += (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') + (source.substring(1) || ' ');
      atComment = true;
      afterEmptyLine = false;
    } else {
      if (!atComment) afterEmptyLine = true;
      atComment = false;
    }
  }
  if (!comment) return;
  const dc = doc.contents as Node | null;
  if (afterDoc) doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
  else if (afterEmptyLine || doc.directives.docStart || !dc) doc.commentBefore = comment;
  else if ((dc instanceof YAMLMap || dc instanceof YAMLSeq) && !dc.flow && dc.items.length > 0) {
    const first = dc.items[0] as Node | Pair;
    const it = (first instanceof Pair ? first.key : first) as Node;
    it.commentBefore = it.commentBefore ? `${comment}\n${it.commentBefore}` : comment;
  } else dc.commentBefore = dc.commentBefore ? `${comment}\n${dc.commentBefore}` : comment;
}

/** The Composer's composeDoc for the subset, or undefined when the document leaves it. */
function fastDocument(token: CST.Document, directives: unknown, options: object): Document.Parsed | undefined {
  return onFastPath(() => {
    const doc = new Document(undefined, { _directives: directives, ...options } as object) as Document.Parsed;
    const schema = doc.schema as Schema & { compat?: unknown };
    if (schema.compat) return undefined;
    const { offset, start, value, end } = token;
    const p = props(start, 'doc-start', true, offset);
    if (p.found) {
      doc.directives.docStart = true;
      if (value && (value.type === 'block-map' || value.type === 'block-seq') && !p.hasNewline) return undefined;
    }
    const contents = value ? node(value, p, schema) : emptyNode(p.end, start, p, schema);
    doc.contents = contents as Document.Parsed['contents'];
    const contentEnd = contents.range![2];
    const re = resolveEnd(end, contentEnd, false);
    if (re.comment) doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
  });
}
