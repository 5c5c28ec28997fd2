/**
 * Step 2 (Traefik): a `Middleware` (traefik.io/v1alpha1, or the v2 group traefik.containo.us/v1alpha1 that
 * Traefik v3 removed) whose `spec.headers` sets a CORS field. Also the manifest helpers shared by the
 * Traefik, Istio and Gateway API collectors (metadata, CORS block fields with their ranges).
 */
import { isMap, isPair, isSeq, isScalar } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { ManifestField, Range, Target, TraefikTarget } from '../types';
import { keyText, nodeRange } from '../parse/parse';
import { getMap, getPair, valueRef } from '../parse/values';
import { findValueFallback } from './valuesFile';

/* ------------------------------------------------------------ manifest helpers */

export interface ManifestMeta {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** Range of the `kind` value (target-wide findings when nothing better exists). */
  kindRange: Range;
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** apiVersion, kind and metadata of a manifest document root. */
export function manifestMeta(root: unknown): ManifestMeta | undefined {
  if (!isMap(root)) return undefined;
  const av = getPair(root, 'apiVersion');
  const kp = getPair(root, 'kind');
  const apiVersion = scalarString(av?.value);
  const kind = scalarString(kp?.value);
  if (!apiVersion || !kind) return undefined;
  const meta = getMap(root, 'metadata');
  const name = (meta && scalarString(getPair(meta, 'name')?.value)) ?? '';
  const namespace = meta ? scalarString(getPair(meta, 'namespace')?.value) : undefined;
  const kindRange = nodeRange(kp!.value as Node) ?? nodeRange(kp!.key as Node) ?? { start: 0, end: 0 };
  return { apiVersion, kind, name, namespace, kindRange };
}

/** `group/version` → group ('' for the core group). */
export function apiGroup(apiVersion: string): string {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** The fields of a CORS block, by name (the last duplicate wins), labelled `<path>.<name>`. */
export function readBlockFields(text: string, doc: Document.Parsed, block: YAMLMap | undefined, path: string): Map<string, ManifestField> {
  const out = new Map<string, ManifestField>();
  if (!block) return out;
  for (const item of block.items) {
    if (!isPair(item)) continue;
    const name = keyText(item.key);
    const keyRange = nodeRange(item.key as Node);
    if (name === undefined || !keyRange) continue;
    const value = valueRef(text, item.value, findValueFallback(text, keyRange.end), doc);
    out.set(name, { name, keyRange, value, label: `${path}.${name}`, pair: item as Pair });
  }
  return out;
}

/** The sequence behind a field value (undefined when it is not a sequence). */
export function fieldSeq(f: ManifestField | undefined): YAMLSeq | undefined {
  const v = f?.pair.value;
  return isSeq(v) ? (v as YAMLSeq) : undefined;
}

/** The `key:` pair of a map as an anchor range. */
export function keyRangeOf(pair: Pair | undefined): Range | undefined {
  return pair ? nodeRange(pair.key as Node) : undefined;
}

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

export function traefikTargets(text: string, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'Middleware' || !TRAEFIK_API_VERSIONS.includes(meta.apiVersion)) return [];
  const spec = getMap(root, 'spec', doc);
  const headersPair = spec ? getPair(spec, 'headers') : undefined;
  const headers = spec ? getMap(spec, 'headers', doc) : undefined;
  if (!headersPair || !headers) return [];
  const path = 'spec.headers';
  const fields = readBlockFields(text, doc, headers, path);
  if (!TRAEFIK_CORS_FIELDS.some((f) => fields.has(f))) return [];
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
