/** Step 2 (Istio): every `spec.http[].corsPolicy` of a VirtualService (networking.istio.io) — one target each. */
import { isMap, isSeq } from 'yaml';
import type { Document } from 'yaml';
import type { IstioTarget, Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, keyRangeOf, manifestMeta, readBlockFields } from './manifest';

export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';

export function istioTargets(text: string, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'VirtualService' || apiGroup(meta.apiVersion) !== ISTIO_NETWORKING_GROUP) return [];
  const spec = getMap(root, 'spec', doc);
  const http = spec ? getPair(spec, 'http') : undefined;
  if (!http || !isSeq(http.value)) return [];
  const out: Target[] = [];
  http.value.items.forEach((route, i) => {
    if (!isMap(route)) return;
    const corsPair = getPair(route, 'corsPolicy');
    if (!corsPair) return;
    const block = getMap(route, 'corsPolicy', doc);
    const path = `spec.http[${i}].corsPolicy`;
    const t: IstioTarget = {
      kind: 'istio',
      source: `VirtualService/${meta.name}#http[${i}]`,
      anchor: keyRangeOf(corsPair) ?? meta.kindRange,
      docIndex,
      apiVersion: meta.apiVersion,
      name: meta.name,
      namespace: meta.namespace,
      block,
      fields: readBlockFields(text, doc, block, path),
      path,
      text,
    };
    out.push(t);
  });
  return out;
}
