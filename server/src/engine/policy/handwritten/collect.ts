/**
 * Where hand-written CORS headers are: ingress-nginx snippet annotations, Traefik `customResponseHeaders`,
 * Istio `headers.response` and Gateway API ResponseHeaderModifier (mesh.ts).
 * Facts: docs/reference/handwritten-cors.md.
 */
import { isMap, isPair, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Range, Target } from '../../types';
import { keyText, nodeRange } from '../../parse/parse';
import { valueRef } from '../../parse/values';
import { annotationKey } from '../ingressNginx';
import { offsetMapper, readSnippet } from './nginxSnippet';
import type { HandHeader, HandReturn, HandSource, HandwrittenCors } from './types';
import { meshHandwritten } from './mesh';
import type { TextLike } from '../../util/pieceText';

/** The ingress-nginx snippet annotations read here, and the nginx level each lands in. */
export const SNIPPETS: readonly { suffix: string; level: 'server' | 'location' }[] = [
  { suffix: 'server-snippet', level: 'server' },
  { suffix: 'configuration-snippet', level: 'location' },
];

/** Whether a header name is a CORS response header. */
export function isCorsHeader(name: string): boolean {
  return /^access-control-/i.test(name) || /^vary$/i.test(name);
}

/** Whether an annotation value written by hand sets a CORS header (cheap test used by the target collectors). */
export function mentionsCors(text: string): boolean {
  return /access-control-/i.test(text);
}

function nginxHandwritten(t: Extract<Target, { kind: 'ingress-nginx' }>, text: TextLike): HandwrittenCors | undefined {
  const headers: HandHeader[] = [];
  const returns: HandReturn[] = [];
  const sources: HandSource[] = [];
  let ifBase = 0;
  for (const s of SNIPPETS) {
    const e = t.byKey.get(annotationKey(t, s.suffix));
    if (!e || e.value.collection) continue;
    const r = readSnippet(e.value.text, s.suffix, s.level, offsetMapper(text, e.value), e.value.range, ifBase);
    ifBase += 1000;
    // Every header is kept: any `add_header` of a level hides the enclosing level's (respond.ts).
    headers.push(...r.headers);
    returns.push(...r.returns);
    if (mentionsCors(e.value.text)) sources.push({ via: s.suffix, label: e.key, keyRange: e.keyRange, valueRange: e.value.range });
  }
  return sources.length ? { headers, returns, sources, native: false } : undefined;
}

/** Traefik `spec.headers.customResponseHeaders`: set on every response the middleware passes (an empty value removes it). */
function traefikHandwritten(t: Extract<Target, { kind: 'traefik' }>, text: TextLike): HandwrittenCors | undefined {
  const f = t.fields.get('customResponseHeaders');
  const map = f?.pair.value;
  if (!f || !isMap(map)) return undefined;
  const headers: HandHeader[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const name = keyText(item.key);
    const nameRange = nodeRange(item.key as Node);
    if (name === undefined || !nameRange || !isCorsHeader(name)) continue;
    const v = valueRef(text, item.value, nameRange.end);
    if (!isScalar(item.value) || v.text === '') continue;
    const range: Range = { start: nameRange.start, end: v.range.end };
    headers.push({
      name,
      value: v.text,
      echo: false,
      conditions: [],
      valueConditions: [],
      always: true,
      directive: 'customResponseHeaders',
      via: f.label,
      level: 'location',
      range,
      nameRange,
      valueRange: v.range,
    });
  }
  if (headers.length === 0) return undefined;
  return {
    headers,
    returns: [],
    sources: [{ via: f.label, label: f.label, keyRange: f.keyRange, valueRange: f.value.range }],
    native: false,
  };
}

/** The hand-written CORS headers of a target (undefined: none). */
export function handwrittenOf(t: Target, text: TextLike): HandwrittenCors | undefined {
  if (t.kind === 'ingress-nginx') return nginxHandwritten(t, text);
  if (t.kind === 'traefik') return traefikHandwritten(t, text);
  if (t.kind === 'istio' || t.kind === 'gateway-api') return meshHandwritten(t, text);
  return undefined;
}
