/**
 * Step 2 (Traefik): a `Middleware` (traefik.io/v1alpha1, or the v2 group traefik.containo.us/v1alpha1 that
 * Traefik v3 removed) whose `spec.headers` sets a CORS field. Shared manifest helpers are in manifest.ts.
 */
import { mentionsCors } from '../policy/handwritten/collect';
import type { Document } from 'yaml';
import type { Target, TraefikTarget } from '../types';
import { getMap, getPair } from '../parse/values';
import { keyRangeOf, manifestMeta, readBlockFields } from './manifest';
import type { TextLike } from '../util/pieceText';

/* ------------------------------------------------------------------- Traefik */

export const TRAEFIK_API_VERSIONS = ['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1'];

/** The `spec.headers` fields that make Traefik's headers middleware handle CORS (`HasCorsHeadersDefined`). */
export const TRAEFIK_CORS_FIELDS = [
  'accessControlAllowCredentials',
  'accessControlAllowHeaders',
  'accessControlAllowMethods',
  'accessControlAllowOriginList',
  'accessControlAllowOriginListRegex',
  'accessControlExposeHeaders',
  'accessControlMaxAge',
  'addVaryHeader',
] as const;

export function traefikTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'Middleware' || !TRAEFIK_API_VERSIONS.includes(meta.apiVersion)) return [];
  const spec = getMap(root, 'spec', doc);
  const headersPair = spec ? getPair(spec, 'headers') : undefined;
  const headers = spec ? getMap(spec, 'headers', doc) : undefined;
  if (!headersPair || !headers) return [];
  const path = 'spec.headers';
  const fields = readBlockFields(text, doc, headers, path);
  // Access-Control-* in customResponseHeaders are CORS written by hand (policy/handwritten/).
  if (!TRAEFIK_CORS_FIELDS.some((f) => fields.has(f)) && !mentionsCors(fields.get('customResponseHeaders')?.value.text ?? '')) return [];
  const t: TraefikTarget = {
    kind: 'traefik',
    source: `Middleware/${meta.name}`,
    anchor: keyRangeOf(headersPair) ?? meta.kindRange,
    docIndex,
    apiVersion: meta.apiVersion,
    name: meta.name,
    namespace: meta.namespace,
    block: headers,
    fields,
    path,
    text,
  };
  return [t];
}
