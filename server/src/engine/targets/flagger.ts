/**
 * Step 2 (Flagger): a `Canary` (flagger.app) with `spec.service.corsPolicy`. With the Istio mesh provider Flagger
 * copies it into the `corsPolicy` of the VirtualService it generates, so it has Istio's semantics
 * (/work/shared/reference/more-controllers.md §9, "Flagger").
 */
import type { Document } from 'yaml';
import type { Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, manifestMeta } from './manifest';
import { istioCorsTarget } from './istio';
import type { TextLike } from '../util/pieceText';

export function flaggerTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'Canary' || apiGroup(meta.apiVersion) !== 'flagger.app') return [];
  const service = getMap(getMap(root, 'spec', doc), 'service', doc);
  if (!service || !getPair(service, 'corsPolicy')) return [];
  return [istioCorsTarget(text, doc, docIndex, meta, service, 'spec.service.corsPolicy', `Canary/${meta.name}`)];
}
