/**
 * The flow collection step of parse/fastParser.ts: `yaml`'s Parser.flowCollection and fixFlowSeqItems for the one-line
 * flow collections parse/fastLexer.ts lets through (no comments, anchors, tags, aliases, explicit keys or line breaks
 * inside, and not a mapping key). Source: `yaml` 2.8 src/parse/parser.ts (docs/reference/yaml-composer.md, "The fast
 * token path").
 */
import { leaveTokens } from './fastLexer';
import { includesToken, type FlowCollection, type Item, type SourceToken, type Steps } from './fastTree';

/** A token while a flow collection is open (the Parser's flowCollection). */
export function flowCollection(p: Steps, fc: FlowCollection): void {
  const it = fc.items[fc.items.length - 1] as Item | undefined;
  if (fc.end.length > 0) {
    // Closed: what follows it on its line.
    const parent = p.stack[p.stack.length - 2];
    if (
      parent.type === 'block-map' &&
      ((p.type === 'map-value-ind' && parent.indent === fc.indent) || (p.type === 'newline' && !parent.items[parent.items.length - 1].sep))
    ) {
      p.pop();
      p.step();
    } else if (p.type === 'map-value-ind' && parent.type !== 'flow-collection')
      leaveTokens(); // a flow collection as a key
    else p.lineEnd(fc);
    return;
  }
  switch (p.type) {
    case 'comma':
      if (!it || it.sep) fc.items.push({ start: [p.sourceToken()] });
      else it.start.push(p.sourceToken());
      return;
    case 'map-value-ind':
      if (!it || it.value) fc.items.push({ start: [], key: null, sep: [p.sourceToken()] });
      else if (it.sep) it.sep.push(p.sourceToken());
      else Object.assign(it, { key: null, sep: [p.sourceToken()] });
      return;
    case 'space':
    case 'comment':
    case 'newline':
      if (!it || it.value) fc.items.push({ start: [p.sourceToken()] });
      else if (it.sep) it.sep.push(p.sourceToken());
      else it.start.push(p.sourceToken());
      return;
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar': {
      const fs = p.flowScalar();
      if (!it || it.value) fc.items.push({ start: [], key: fs, sep: [] });
      else if (it.sep) p.stack.push(fs);
      else Object.assign(it, { key: fs, sep: [] });
      return;
    }
    case 'flow-map-end':
    case 'flow-seq-end':
      fc.end.push(p.sourceToken());
      return;
  }
  const bv = p.startBlockValue(fc);
  if (bv) p.stack.push(bv);
  else {
    p.pop();
    p.step();
  }
}

const isFlowToken = (t: { type: string } | null | undefined) =>
  t?.type === 'scalar' || t?.type === 'single-quoted-scalar' || t?.type === 'double-quoted-scalar' || t?.type === 'flow-collection';

/** A flow sequence's `key` items without a `:` become `value` items (the Parser's fixFlowSeqItems, when it closes). */
export function fixFlowSeqItems(fc: FlowCollection): void {
  if (fc.start.type !== 'flow-seq-start') return;
  for (const it of fc.items) {
    if (!it.sep || it.value || includesToken(it.start, 'explicit-key-ind') || includesToken(it.sep, 'map-value-ind')) continue;
    if (it.key) it.value = it.key;
    delete it.key;
    const v = it.value as { type: string; end?: SourceToken[] } | undefined;
    if (isFlowToken(v)) {
      if (v!.end) Array.prototype.push.apply(v!.end, it.sep);
      else v!.end = it.sep;
    } else Array.prototype.push.apply(it.start, it.sep);
    delete it.sep;
  }
}
