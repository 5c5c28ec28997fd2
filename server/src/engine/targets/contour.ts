/**
 * Step 2 (Contour): the `spec.virtualhost.corsPolicy` of an HTTPProxy (projectcontour.io), one target per root
 * proxy; it applies to every route of the virtual host (docs/reference/contour.md).
 */
import type { Document } from 'yaml';
import type { ContourTarget, Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, blockTarget, manifestMeta } from './manifest';
import type { TextLike } from '../util/pieceText';

export const CONTOUR_GROUP = 'projectcontour.io';

export function contourTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
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
    ...blockTarget(text, doc, docIndex, meta, { source: `HTTPProxy/${meta.name}`, keyPair: corsPair, block, path }),
  };
  return [t];
}
