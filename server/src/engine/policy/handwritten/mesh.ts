/**
 * Hand-written CORS headers on an Istio route (`spec.http[].headers.response.set|add`) and a Gateway API rule
 * (`ResponseHeaderModifier` filter, `responseHeaderModifier.set|add`). `set` replaces a header of the same name,
 * `add` appends another header line; both apply to every response of the route, whatever its status.
 * Facts: docs/reference/handwritten-cors.md §Istio and Gateway API.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { GatewayApiTarget, IstioTarget, Range } from '../../types';
import { keyText, nodeRange } from '../../parse/parse';
import { getPair, valueRef } from '../../parse/values';
import { isCorsHeader } from './collect';
import type { HandHeader, HandwrittenCors } from './types';
import type { TextLike } from '../../util/pieceText';

/** Envoy's `%REQ(Origin)%` (header value formatting): the request's Origin, echoed. */
const ENVOY_ECHO = /^%REQ\(\s*origin\s*\)%$/i;

interface Written {
  name: string;
  nameRange: Range;
  value: string;
  valueRange: Range;
  range: Range;
}

/** Istio: `set`/`add` are maps of header name → value. */
function istioEntries(text: TextLike, map: unknown): Written[] {
  if (!isMap(map)) return [];
  const out: Written[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const name = keyText(item.key);
    const nameRange = nodeRange(item.key as Node);
    if (name === undefined || !nameRange || !isScalar(item.value)) continue;
    const v = valueRef(text, item.value, nameRange.end);
    out.push({ name, nameRange, value: v.text, valueRange: v.range, range: { start: nameRange.start, end: v.range.end } });
  }
  return out;
}

/** Gateway API: `set`/`add` are lists of `{ name, value }`. */
function gatewayEntries(text: TextLike, seq: unknown): Written[] {
  if (!isSeq(seq)) return [];
  const out: Written[] = [];
  for (const item of seq.items) {
    const np = getPair(item, 'name');
    const vp = getPair(item, 'value');
    const range = nodeRange(item as Node);
    if (!np || !vp || !range || !isScalar(np.value) || !isScalar(vp.value)) continue;
    const n = valueRef(text, np.value, range.start);
    const v = valueRef(text, vp.value, range.start);
    out.push({
      name: n.text,
      nameRange: n.range,
      value: v.text,
      valueRange: v.range,
      range: { start: range.start, end: Math.max(n.range.end, v.range.end) },
    });
  }
  return out;
}

function header(w: Written, op: 'set' | 'add', via: string, echoes: boolean): HandHeader {
  const echo = echoes && ENVOY_ECHO.test(w.value.trim());
  return {
    name: w.name,
    value: w.value,
    echo,
    conditions: [],
    valueConditions: [],
    always: true,
    directive: op,
    appends: op === 'add',
    via,
    level: 'location',
    range: w.range,
    nameRange: w.nameRange,
    valueRange: w.valueRange,
  };
}

/** The CORS headers written by hand on the route of an Istio or Gateway API target (undefined: none). */
export function meshHandwritten(t: IstioTarget | GatewayApiTarget, text: TextLike): HandwrittenCors | undefined {
  const headers: HandHeader[] = [];
  const sources: HandwrittenCors['sources'] = [];
  for (const { node, path } of t.responseHeaders ?? []) {
    const before = headers.length;
    // `set` first, then `add` (Istio's order; Gateway API leaves it to the implementation, and the result is the same).
    for (const op of ['set', 'add'] as const) {
      const pair = getPair(node, op);
      const entries = t.kind === 'istio' ? istioEntries(text, pair?.value) : gatewayEntries(text, pair?.value);
      const via = `${t.kind === 'istio' ? 'headers.response' : 'responseHeaderModifier'}.${op}`;
      for (const w of entries) if (isCorsHeader(w.name) && w.value !== '') headers.push(header(w, op, via, t.kind === 'istio'));
    }
    const kr = nodeRange(node);
    if (headers.length > before && kr) sources.push({ via: path, label: path, keyRange: headers[before].nameRange, valueRange: kr });
  }
  if (headers.length === 0) return undefined;
  return { headers, returns: [], sources, native: false, nativeWins: NATIVE_WINS };
}

/** Envoy: the route's header mutations run first, then the CORS filter sets (replaces) its headers for allowed origins. */
const NATIVE_WINS =
  "Envoy adds the route's headers first, then its CORS filter replaces Access-Control-Allow-Origin for the origins it allows, " +
  'and the hand-written value is sent alone to every other origin, so the policy shown is not the whole story.';

/** Whether a `headers.response` (Istio) or `responseHeaderModifier` (Gateway API) map writes a CORS header (target collectors). */
export function writesCors(node: unknown, kind: 'istio' | 'gateway-api'): boolean {
  const written = (name: unknown, value: unknown) =>
    isScalar(name) && /^access-control-/i.test(String(name.value)) && isScalar(value) && String(value.value ?? '') !== '';
  return (['set', 'add'] as const).some((op) => {
    const v = getPair(node, op)?.value;
    if (kind === 'istio') return isMap(v) && v.items.some((p) => written(p.key, p.value));
    return isSeq(v) && v.items.some((it) => written(getPair(it, 'name')?.value, getPair(it, 'value')?.value));
  });
}
