/**
 * Step 2 (Flagger): a `Canary` (flagger.app) with `spec.service.corsPolicy`. With the Istio mesh provider Flagger
 * copies it into the `corsPolicy` of the VirtualService it generates, so it has Istio's semantics
 * (/work/shared/reference/more-controllers.md, "Flagger").
 */
import type { Document } from 'yaml';
import type { IstioTarget, Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, keyRangeOf, manifestMeta, readBlockFields } from './manifest';

export function flaggerTargets(text: string, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'Canary' || apiGroup(meta.apiVersion) !== 'flagger.app') return [];
  const service = getMap(getMap(root, 'spec', doc), 'service', doc);
  const corsPair = service ? getPair(service, 'corsPolicy') : undefined;
  if (!service || !corsPair) return [];
  const block = getMap(service, 'corsPolicy', doc);
  const path = 'spec.service.corsPolicy';
  const t: IstioTarget = {
    kind: 'istio',
    source: `Canary/${meta.name}`,
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
  return [t];
}
