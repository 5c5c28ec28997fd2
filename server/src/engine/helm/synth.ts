/**
 * The merged values of a release written back as one YAML text, with a source map: the rules run on
 * that text unchanged, and each finding goes back to the file (or flag) that wrote the effective value.
 *
 * Only what the CORS rules read is written: the chart's `ingress` block and `commonAnnotations` (at the
 * root, or under an umbrella chart's key). Scalars written on one line in their source are copied
 * verbatim (same quoting, so the YAML type and every column inside the value map 1:1); other values are
 * written as JSON-quoted strings and map to their whole source range.
 */
import type { Range } from '../types';
import type { HEntry, HList, HMap, HNode } from './tree';

export interface Segment {
  /** Range in the generated text. */
  gs: number;
  ge: number;
  source: number;
  /** Range in the source text. */
  ss: number;
  se: number;
  /** Characters map 1:1 (gs + i ↔ ss + i). */
  exact: boolean;
}

export interface Synthesized {
  text: string;
  segments: Segment[];
}

/** Top-level keys the CORS rules read, and the umbrella keys whose subtrees hold them. */
const RELEVANT = ['ingress', 'commonAnnotations'];
const UMBRELLA = ['vcluster-platform', 'loft'];

export function synthesize(user: HMap): Synthesized {
  const out: string[] = [];
  const segments: Segment[] = [];
  let len = 0;
  const push = (s: string): number => {
    const at = len;
    out.push(s);
    len += s.length;
    return at;
  };
  const seg = (at: number, text: string, source: number, r: Range, exactOffset?: number): void => {
    if (source < 0) return;
    if (exactOffset !== undefined && r.end - r.start === text.length - exactOffset) {
      segments.push({ gs: at + exactOffset, ge: at + text.length, source, ss: r.start, se: r.end, exact: true });
    } else segments.push({ gs: at, ge: at + text.length, source, ss: r.start, se: r.end, exact: false });
  };

  const writeKey = (indent: string, e: HEntry): void => {
    push(indent);
    const k = e.keyText ?? JSON.stringify(e.key);
    const at = push(k);
    seg(at, k, e.keyOrigin.source, e.keyOrigin.range, e.keyText !== undefined ? 0 : undefined);
    push(':');
  };
  const writeValue = (n: HNode, indent: string): void => {
    if (n.kind === 'scalar') {
      push(' ');
      const at = push(n.text);
      seg(at, n.text, n.origin.source, n.origin.range, n.exactOffset);
      push('\n');
    } else if (n.kind === 'map') {
      if (n.entries.size === 0) {
        const at = push(' {}');
        seg(at + 1, '{}', n.origin.source, n.origin.range);
        push('\n');
      } else {
        push('\n');
        writeMap(n, indent + '  ');
      }
    } else if (n.items.length === 0) {
      const at = push(' []');
      seg(at + 1, '[]', n.origin.source, n.origin.range);
      push('\n');
    } else {
      push('\n');
      writeList(n, indent + '  ');
    }
  };
  const writeMap = (m: HMap, indent: string, only?: readonly string[]): void => {
    for (const [k, e] of m.entries) {
      if (only && !only.includes(k)) continue;
      writeKey(indent, e);
      writeValue(e.node, indent);
    }
  };
  const writeList = (l: HList, indent: string): void => {
    for (const it of l.items) {
      push(indent + '-');
      if (!it) push(' null\n');
      else writeValue(it, indent);
    }
  };

  writeMap(user, '', RELEVANT);
  for (const u of UMBRELLA) {
    const e = user.entries.get(u);
    if (!e || e.node.kind !== 'map') continue;
    if (![...e.node.entries.keys()].some((k) => RELEVANT.includes(k))) continue;
    writeKey('', e);
    push('\n');
    writeMap(e.node, '  ', RELEVANT);
  }
  return { text: out.join(''), segments };
}

/** The segment that holds a generated offset (or ends right before it on the same line), by binary search. */
export function segmentAt(s: Synthesized, pos: number): Segment | undefined {
  const segs = s.segments;
  let lo = 0;
  let hi = segs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid].gs <= pos) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return segs[0] && segs[0].gs >= pos && !s.text.slice(pos, segs[0].gs).includes('\n') ? segs[0] : undefined;
  const g = segs[best];
  if (pos <= g.ge) return g;
  // After a segment on the same line (e.g. the spot right after `key:` where a missing value goes).
  if (!s.text.slice(g.ge, pos).includes('\n')) return g;
  // At the start of a line, before the indentation of its first segment.
  const next = segs[best + 1];
  if (next && !s.text.slice(pos, next.gs).includes('\n')) return next;
  return undefined;
}

/** Maps one generated offset through a segment. */
function mapOffset(g: Segment, pos: number, isEnd: boolean): number {
  if (g.exact && pos >= g.gs && pos <= g.ge) return g.ss + (pos - g.gs);
  if (pos <= g.gs) return g.ss;
  if (pos >= g.ge) return g.se;
  return isEnd ? g.se : g.ss;
}

/** A generated range in its source: `undefined` when it lies outside every segment. */
export function mapRange(s: Synthesized, r: Range): { source: number; range: Range; exact: boolean } | undefined {
  const a = segmentAt(s, r.start);
  if (!a) return undefined;
  const start = mapOffset(a, r.start, false);
  const b = r.end === r.start ? a : segmentAt(s, r.end);
  const end = b && b.source === a.source && b.ss >= a.ss ? mapOffset(b, r.end, true) : a.se;
  const exact = a.exact && r.start >= a.gs && r.end <= a.ge;
  return { source: a.source, range: { start, end: Math.max(start, end) }, exact };
}
