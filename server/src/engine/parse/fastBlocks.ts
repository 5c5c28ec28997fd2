/**
 * The block collection steps of parse/fastParser.ts: `yaml`'s Parser.blockMap and Parser.blockSequence for the tokens
 * parse/fastLexer.ts lets through (no explicit keys, anchors, tags, flow collections or block scalars). Source: `yaml`
 * 2.8 src/parse/parser.ts (docs/reference/yaml-composer.md, "The fast token path").
 */
import { leaveTokens } from './fastLexer';
import { includesToken, type BlockMap, type BlockSeq, type Item, type SourceToken, type Steps } from './fastTree';

/** A newline, space or comment: on the last item, or after it (the first part of blockMap and blockSequence). */
export function lineToken(p: Steps, c: BlockMap | BlockSeq, it: Item, inMap: boolean): void {
  if (p.type === 'newline') {
    if (inMap) p.onKeyLine = false;
    if (it.value) {
      const end = 'end' in it.value ? it.value.end : undefined;
      const last = Array.isArray(end) ? end[end.length - 1] : undefined;
      if (last?.type === 'comment') end!.push(p.sourceToken());
      else c.items.push({ start: [p.sourceToken()] });
    } else if (it.sep) it.sep.push(p.sourceToken());
    else it.start.push(p.sourceToken());
    return;
  }
  if (it.value) c.items.push({ start: [p.sourceToken()] });
  else if (it.sep) it.sep.push(p.sourceToken());
  else {
    if (p.atIndentedComment(it.start, c.indent)) {
      const prev = c.items[c.items.length - 2] as Item | undefined;
      const end = (prev?.value as { end?: SourceToken[] } | undefined)?.end;
      if (Array.isArray(end)) {
        Array.prototype.push.apply(end, it.start);
        end.push(p.sourceToken());
        c.items.pop();
        return;
      }
    }
    it.start.push(p.sourceToken());
  }
}
/** A token while a block mapping is open (the Parser's blockMap). */
export function blockMap(p: Steps, map: BlockMap): void {
  const it = map.items[map.items.length - 1];
  const type = p.type;
  if (type === 'newline' || type === 'space' || type === 'comment') {
    lineToken(p, map, it, true);
    return;
  }
  if (p.indent >= map.indent) {
    const atMapIndent = !p.onKeyLine && p.indent === map.indent;
    const atNextItem = atMapIndent && !!it.sep && type !== 'seq-item-ind';
    // For empty values: the lines after the first line break that are not more indented go to the next item.
    let start: SourceToken[] = [];
    if (atNextItem && it.sep && !it.value) {
      const nl: number[] = [];
      for (let i = 0; i < it.sep.length; ++i) {
        const st = it.sep[i];
        if (st.type === 'newline') nl.push(i);
        else if (st.type === 'comment' ? st.indent > map.indent : st.type !== 'space') nl.length = 0;
      }
      if (nl.length >= 2) start = it.sep.splice(nl[1]);
    }
    if (type === 'map-value-ind') {
      if (!it.sep) Object.assign(it, { key: null, sep: [p.sourceToken()] });
      else if (it.value || atNextItem) map.items.push({ start, key: null, sep: [p.sourceToken()] });
      else if (includesToken(it.sep, 'map-value-ind'))
        p.stack.push({
          type: 'block-map',
          offset: p.offset,
          indent: p.indent,
          items: [{ start: [], key: null, sep: [p.sourceToken()] }],
        });
      else it.sep.push(p.sourceToken());
      p.onKeyLine = true;
      return;
    }
    if (type === 'scalar' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar') {
      const fs = p.flowScalar();
      if (atNextItem || it.value) {
        map.items.push({ start, key: fs, sep: [] });
        p.onKeyLine = true;
      } else if (it.sep) p.stack.push(fs);
      else {
        Object.assign(it, { key: fs, sep: [] });
        p.onKeyLine = true;
      }
      return;
    }
    const bv = p.startBlockValue(map);
    if (bv) {
      if (bv.type === 'block-seq') {
        // `yaml` reports "Unexpected block-seq-ind on same line with key".
        if (it.sep && !includesToken(it.sep, 'newline')) leaveTokens();
      } else if (atMapIndent) map.items.push({ start });
      p.stack.push(bv);
      return;
    }
  }
  p.pop();
  p.step();
}
/** A token while a block sequence is open (the Parser's blockSequence). */
export function blockSequence(p: Steps, seq: BlockSeq): void {
  const it = seq.items[seq.items.length - 1];
  switch (p.type) {
    case 'newline':
    case 'space':
    case 'comment':
      lineToken(p, seq, it, false);
      return;
    case 'seq-item-ind':
      if (p.indent !== seq.indent) break;
      if (it.value || includesToken(it.start, 'seq-item-ind')) seq.items.push({ start: [p.sourceToken()] });
      else it.start.push(p.sourceToken());
      return;
  }
  if (p.indent > seq.indent) {
    const bv = p.startBlockValue(seq);
    if (bv) {
      p.stack.push(bv);
      return;
    }
  }
  p.pop();
  p.step();
}
