/**
 * Step 2 (Emissary-ingress / Ambassador): `spec.cors` of a Mapping, and `spec.config.cors` of the Module named
 * `ambassador` (the default for every Mapping without its own `cors`) — getambassador.io
 * (docs/reference/emissary.md).
 */
import type { Document, YAMLMap } from 'yaml';
import type { EmissaryTarget, Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, blockTarget, manifestMeta } from './manifest';
import type { TextLike } from '../util/pieceText';

export const EMISSARY_GROUP = 'getambassador.io';

export function emissaryTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || apiGroup(meta.apiVersion) !== EMISSARY_GROUP) return [];
  const spec = getMap(root, 'spec', doc);
  let owner: YAMLMap | undefined;
  let base: string;
  if (meta.kind === 'Mapping') {
    owner = spec;
    base = 'spec';
  } else if (meta.kind === 'Module' && meta.name === 'ambassador') {
    owner = getMap(spec, 'config', doc);
    base = 'spec.config';
  } else return [];
  const corsPair = owner ? getPair(owner, 'cors') : undefined;
  if (!owner || !corsPair) return [];
  const block = getMap(owner, 'cors', doc);
  const path = `${base}.cors`;
  const t: EmissaryTarget = {
    kind: 'emissary',
    ...blockTarget(text, doc, docIndex, meta, { source: `${meta.kind}/${meta.name}`, keyPair: corsPair, block, path }),
  };
  return [t];
}
