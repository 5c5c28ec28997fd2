/** Fixes on origin entries that work for every controller (comma-separated strings and YAML sequences). */
import { isMap, isPair } from 'yaml';
import type { Node, Pair } from 'yaml';
import type { EffectivePolicy, Fix, OriginMatcher, TextEdit } from '../types';
import { fix, replaceValue, serializeLike } from './edits';
import { keyText, nodeRange } from '../parse/parse';
import type { TextLike } from '../util/pieceText';

/**
 * For an Istio StringMatch item (`- exact: …` / `- prefix: …` / `- regex: …`): the pair that holds the
 * matcher's value, with its key.
 */
export function stringMatchPair(m: OriginMatcher): { pair: Pair; key: string } | undefined {
  const node = m.seqItem?.node;
  if (!node || !isMap(node) || !m.field) return undefined;
  for (const it of node.items) {
    if (!isPair(it)) continue;
    const r = nodeRange(it.value as Node);
    const k = keyText(it.key);
    if (r && k !== undefined && r.start === m.field.value.range.start) return { pair: it, key: k };
  }
  return undefined;
}

function siblings(p: EffectivePolicy, m: OriginMatcher): OriginMatcher[] {
  return p.writtenOrigins.filter((w) => w.field && m.field && w.field.value.range.start === m.field.value.range.start);
}

/** Remove one YAML sequence item with its line (block) or its comma (flow). */
export function removeSeqItem(text: TextLike, m: OriginMatcher): TextEdit | undefined {
  const it = m.seqItem;
  if (!it || !it.node.range) return undefined;
  const [s, , e] = it.node.range;
  if (it.seq.flow) {
    let start = s;
    let end = it.node.range[1];
    const after = /^\s*,\s*/.exec(text.slice(end));
    if (after) end += after[0].length;
    else {
      const before = /,\s*$/.exec(text.slice(0, start));
      if (before) start -= before[0].length;
    }
    return { start, end, newText: '' };
  }
  // block: from the start of the line (incl. "- ") to the end of the line
  const ls = text.lastIndexOf('\n', s - 1) + 1;
  const le = text.indexOf('\n', Math.max(s, e - 1));
  return { start: ls, end: le < 0 ? text.length : le + 1, newText: '' };
}

/**
 * A fix that removes entry `m` (or several) from its list. Returns undefined when nothing would be left
 * (removing the last origin changes the meaning: for ingress-nginx an empty value means `*`).
 */
export function removeOriginsFix(text: TextLike, p: EffectivePolicy, remove: OriginMatcher[], title: string): Fix | undefined {
  if (remove.length === 0) return undefined;
  const first = remove[0];
  if (!first.field) return undefined;
  if (first.container === 'sequence') {
    const all = p.writtenOrigins.filter((w) => w.container === 'sequence' && w.seqItem?.seq === first.seqItem?.seq);
    if (all.length - remove.length < 1) return undefined;
    const edits = remove.map((r) => removeSeqItem(text, r)).filter((e): e is TextEdit => !!e);
    return edits.length === remove.length ? fix(title, edits) : undefined;
  }
  const sib = siblings(p, first);
  const keep = sib.filter((w) => !remove.some((r) => r.index === w.index));
  // Something the controller really uses must remain (dropped entries do not count: an all-invalid list
  // means no CORS headers, an empty one means `*` for ingress-nginx).
  const overridden = p.origins.length === 1 && p.origins[0].kind === 'any';
  if (!keep.some((k) => p.origins.includes(k) || (overridden && k.kind !== 'any'))) return undefined;
  return fix(title, [replaceValue(first.field.value, keep.map((k) => k.value).join(', '))]);
}

/** A fix that replaces entry `m` with `value` (keeping the other entries). */
export function replaceOriginFix(p: EffectivePolicy, m: OriginMatcher, value: string, title: string, safe = true): Fix | undefined {
  if (!m.field) return undefined;
  if (m.container === 'sequence') {
    // Istio StringMatch: a literal origin replacing a regex (or an any-origin matcher) becomes `exact:`;
    // `exact:`/`prefix:` keep their key.
    const sm = stringMatchPair(m);
    if (sm && (sm.key === 'regex' || m.kind === 'any')) {
      const kr = nodeRange(sm.pair.key as Node)!;
      return fix(
        title,
        [{ start: kr.start, end: m.field.value.range.end, newText: `exact: ${serializeLike(m.field.value, value)}` }],
        safe,
      );
    }
    return fix(title, [replaceValue(m.field.value, value)], safe);
  }
  const sib = siblings(p, m);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of sib) {
    const v = w.index === m.index ? value : w.value;
    if (seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return fix(title, [replaceValue(m.field.value, out.join(', '))], safe);
}
