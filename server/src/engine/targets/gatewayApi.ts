/**
 * Step 2 (Gateway API): every `type: CORS` filter of an HTTPRoute (gateway.networking.k8s.io), in
 * `spec.rules[].filters[]` and in `spec.rules[].backendRefs[].filters[]` — one target per filter.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import type { GatewayApiTarget, Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, keyRangeOf, manifestMeta, readBlockFields } from './manifest';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

function seqOf(map: unknown, key: string): unknown[] {
  const p = getPair(map, key);
  return p && isSeq(p.value) ? p.value.items : [];
}

export function gatewayApiTargets(text: string, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'HTTPRoute' || apiGroup(meta.apiVersion) !== GATEWAY_API_GROUP) return [];
  const spec = getMap(root, 'spec', doc);
  const out: Target[] = [];
  const visit = (filters: unknown[], base: string, srcBase: string) => {
    filters.forEach((f, j) => {
      if (!isMap(f)) return;
      const type = getPair(f, 'type')?.value;
      if (!isScalar(type) || type.value !== 'CORS') return;
      const corsPair = getPair(f, 'cors');
      if (!corsPair) return;
      const cors = getMap(f, 'cors', doc);
      const path = `${base}.filters[${j}].cors`;
      const t: GatewayApiTarget = {
        kind: 'gateway-api',
        source: `HTTPRoute/${meta.name}#${srcBase}`,
        anchor: keyRangeOf(corsPair) ?? meta.kindRange,
        docIndex,
        apiVersion: meta.apiVersion,
        name: meta.name,
        namespace: meta.namespace,
        block: cors,
        fields: readBlockFields(text, doc, cors, path),
        path,
        text,
      };
      out.push(t);
    });
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
