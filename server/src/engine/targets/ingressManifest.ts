/**
 * Step 2 (plain Ingress manifests): a `networking.k8s.io` Ingress with ingress-nginx annotations in
 * `metadata.annotations` — the same ingress-nginx target as a values file, without the chart facts.
 */
import { mentionsCors } from '../policy/handwritten/collect';
import { isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import type { AnnotationEntry, IngressNginxTarget, Target } from '../types';
import { keyText, nodeRange } from '../parse/parse';
import { getMap, getPair, valueRef } from '../parse/values';
import { findValueFallback, NGINX_PREFIX } from './valuesFile';
import { apiGroup, manifestMeta } from './manifest';
import { isCorsAnnotationKey } from './chartValues';
import type { TextLike } from '../util/pieceText';

const INGRESS_GROUPS = ['networking.k8s.io', 'extensions'];

export function ingressManifestTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'Ingress' || !INGRESS_GROUPS.includes(apiGroup(meta.apiVersion))) return [];
  const metadata = getMap(root, 'metadata', doc);
  const annMap = metadata ? getMap(metadata, 'annotations', doc) : undefined;
  const annotations: AnnotationEntry[] = [];
  for (const item of annMap?.items ?? []) {
    if (!isPair(item)) continue;
    const key = keyText(item.key);
    const keyRange = nodeRange(item.key as Node);
    if (key === undefined || !keyRange) continue;
    const value = valueRef(text, item.value, findValueFallback(text, keyRange.end), doc);
    annotations.push({ key, keyRange, value, source: 'metadata.annotations', pair: item, map: annMap! });
  }
  // An Ingress without any CORS annotation (of any controller's prefix) has no CORS target: no invented policy.
  // CORS headers written by hand in a snippet count too (policy/handwritten/).
  if (!annotations.some((a) => isCorsAnnotationKey(a.key) || (/-snippet$/.test(a.key) && mentionsCors(a.value.text)))) return [];
  // As for values files: a mapping or list value never reaches the controller.
  const byKey = new Map<string, AnnotationEntry>();
  for (const a of annotations) if (!a.value.collection && !(a.value.node && a.value.style === undefined)) byKey.set(a.key, a);

  const spec = getMap(root, 'spec', doc);
  const classPair = spec ? getPair(spec, 'ingressClassName') : undefined;
  let ingressClass: IngressNginxTarget['ingressClass'];
  if (classPair) {
    const v = classPair.value;
    ingressClass = { value: isScalar(v) && v.value !== null ? String(v.value) : null, range: nodeRange(v as Node) };
  }
  let host: IngressNginxTarget['host'];
  const rules = spec ? getPair(spec, 'rules') : undefined;
  if (rules && isSeq(rules.value)) {
    for (const r of rules.value.items) {
      const hp = getPair(r, 'host');
      const range = hp && nodeRange(hp.value as Node);
      if (hp && isScalar(hp.value) && typeof hp.value.value === 'string' && range) {
        host = { value: hp.value.value, range };
        break;
      }
    }
  }
  const t: IngressNginxTarget = {
    kind: 'ingress-nginx',
    source: `Ingress/${meta.name}`,
    anchor: meta.kindRange,
    docIndex,
    annotations,
    byKey,
    prefix: NGINX_PREFIX,
    ingressClass,
    host,
  };
  return [t];
}
