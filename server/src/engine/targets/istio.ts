/** Step 2 (Istio): every `spec.http[].corsPolicy` of a VirtualService (networking.istio.io) — one target each. */
import { isMap, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { IstioTarget, Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, blockTarget, keyRangeOf, manifestMeta, type ManifestMeta } from './manifest';
import { writesCors } from '../policy/handwritten/mesh';
import type { TextLike } from '../util/pieceText';

export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';

/** The Istio target of the `corsPolicy` of `owner` (a VirtualService http entry, a Flagger Canary's service). */
export function istioCorsTarget(
  text: TextLike,
  doc: Document.Parsed,
  docIndex: number,
  meta: ManifestMeta,
  owner: YAMLMap,
  path: string,
  source: string,
): IstioTarget {
  const block = getMap(owner, 'corsPolicy', doc);
  return {
    kind: 'istio',
    ...blockTarget(text, doc, docIndex, meta, { source: source, keyPair: getPair(owner, 'corsPolicy'), block, path }),
  };
}

export function istioTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
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
    // Access-Control-* written by hand in headers.response are CORS too (policy/handwritten/mesh.ts).
    const response = getMap(getMap(route, 'headers', doc), 'response', doc);
    const hand = response && writesCors(response, 'istio') ? [{ node: response, path: `spec.http[${i}].headers.response` }] : undefined;
    if (!corsPair && !hand) return;
    const t = istioCorsTarget(text, doc, docIndex, meta, route, `spec.http[${i}].corsPolicy`, `VirtualService/${meta.name}#http[${i}]`);
    if (hand) t.responseHeaders = hand;
    if (!corsPair) {
      t.path = hand![0].path;
      t.anchor = keyRangeOf(getPair(route, 'headers')) ?? meta.kindRange;
    }
    out.push(t);
  });
  return out;
}
