/**
 * Step 2 (Contour): the `spec.virtualhost.corsPolicy` of an HTTPProxy (projectcontour.io), one target per root
 * proxy; it applies to every route of the virtual host (docs/reference/contour.md).
 */
import type { Document } from 'yaml';
import type { ContourTarget, Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, keyRangeOf, manifestMeta, readBlockFields } from './manifest';

export const CONTOUR_GROUP = 'projectcontour.io';

export function contourTargets(text: string, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'HTTPProxy' || apiGroup(meta.apiVersion) !== CONTOUR_GROUP) return [];
  const vhost = getMap(getMap(root, 'spec', doc), 'virtualhost', doc);
  const corsPair = vhost ? getPair(vhost, 'corsPolicy') : undefined;
  if (!vhost || !corsPair) return [];
  const block = getMap(vhost, 'corsPolicy', doc);
  const path = 'spec.virtualhost.corsPolicy';
  const t: ContourTarget = {
    kind: 'contour',
    source: `HTTPProxy/${meta.name}`,
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
