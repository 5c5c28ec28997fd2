/**
 * Step 2 (Gateway API): every `type: CORS` filter of an HTTPRoute (gateway.networking.k8s.io), in
 * `spec.rules[].filters[]` and in `spec.rules[].backendRefs[].filters[]` — one target per filter.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import type { GatewayApiTarget, Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, blockTarget, manifestMeta } from './manifest';
import { writesCors } from '../policy/handwritten/mesh';
import type { TextLike } from '../util/pieceText';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

function seqOf(map: unknown, key: string): unknown[] {
  const p = getPair(map, key);
  return p && isSeq(p.value) ? p.value.items : [];
}

export function gatewayApiTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'HTTPRoute' || apiGroup(meta.apiVersion) !== GATEWAY_API_GROUP) return [];
  const spec = getMap(root, 'spec', doc);
  const out: Target[] = [];
  const visit = (filters: unknown[], base: string, srcBase: string) => {
    // ResponseHeaderModifier filters writing Access-Control-* by hand (policy/handwritten/mesh.ts), same list.
    const hand: { node: YAMLMap; path: string; key: Pair }[] = [];
    filters.forEach((f, j) => {
      const type = isMap(f) ? getPair(f, 'type')?.value : undefined;
      const rhm = isScalar(type) && type.value === 'ResponseHeaderModifier' ? getPair(f, 'responseHeaderModifier') : undefined;
      if (rhm && isMap(rhm.value) && writesCors(rhm.value, 'gateway-api'))
        hand.push({ node: rhm.value, path: `${base}.filters[${j}].responseHeaderModifier`, key: rhm });
    });
    const responseHeaders = hand.length ? hand.map(({ node, path }) => ({ node, path })) : undefined;
    const target = (block: YAMLMap | undefined, path: string, anchor: Pair): GatewayApiTarget => ({
      kind: 'gateway-api',
      ...blockTarget(text, doc, docIndex, meta, { source: `HTTPRoute/${meta.name}#${srcBase}`, keyPair: anchor, block, path }),
      ...(responseHeaders ? { responseHeaders } : {}),
    });
    const before = out.length;
    filters.forEach((f, j) => {
      if (!isMap(f)) return;
      const type = getPair(f, 'type')?.value;
      if (!isScalar(type) || type.value !== 'CORS') return;
      const corsPair = getPair(f, 'cors');
      if (!corsPair) return;
      out.push(target(getMap(f, 'cors', doc), `${base}.filters[${j}].cors`, corsPair));
    });
    if (out.length === before && hand.length) out.push(target(undefined, hand[0].path, hand[0].key));
  };
  seqOf(spec, 'rules').forEach((rule, i) => {
    if (!isMap(rule)) return;
    visit(seqOf(rule, 'filters'), `spec.rules[${i}]`, `rules[${i}]`);
    seqOf(rule, 'backendRefs').forEach((ref, k) => {
      if (isMap(ref)) visit(seqOf(ref, 'filters'), `spec.rules[${i}].backendRefs[${k}]`, `rules[${i}].backendRefs[${k}]`);
    });
  });
  return out;
}
