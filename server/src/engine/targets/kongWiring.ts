/**
 * Kong's plugin wiring in one file: the KongPlugin / KongClusterPlugin objects it declares and every
 * `konghq.com/plugins` annotation (Ingress, Service, HTTPRoute, KongConsumer, KongConsumerGroup) with its
 * comma-separated entries. Read by kong-plugin-reference. Facts: docs/reference/kong.md (attachment).
 */
import { isMap, isScalar } from 'yaml';
import type { Document, Node } from 'yaml';
import type { ParsedDocument, Range } from '../types';
import { nodeRange } from '../parse/parse';
import { getMap, getPair, valueRef } from '../parse/values';
import { apiGroup, manifestMeta } from './manifest';
import { findValueFallback } from './valuesFile';
import { KONG_GROUP } from './plugins';
import type { TextLike } from '../util/pieceText';

export const KONG_PLUGINS_ANNOTATION = 'konghq.com/plugins';

/** The kinds whose `konghq.com/plugins` annotation the controller reads (kongstate.go `getPluginRelations`). */
const REFERERS: Readonly<Record<string, string | undefined>> = {
  Ingress: 'networking.k8s.io',
  Service: '',
  HTTPRoute: 'gateway.networking.k8s.io',
  KongConsumer: KONG_GROUP,
  KongConsumerGroup: KONG_GROUP,
};

export interface KongPluginDecl {
  kind: 'KongPlugin' | 'KongClusterPlugin';
  name: string;
  /** metadata.namespace as written (KongPlugin only; undefined: the namespace it is applied in). */
  namespace?: string;
  /** The top-level `plugin` value (`cors`, `rate-limiting`, …). */
  plugin?: string;
  docIndex: number;
  anchor: Range;
}

export interface KongPluginRef {
  /** The entry as written, trimmed: `name` or `namespace:name`. */
  text: string;
  name: string;
  /** Written before a `:` (a remote reference, allowed by a ReferenceGrant). */
  namespace?: string;
  range: Range;
}

export interface KongReferer {
  /** `Ingress/api`. */
  label: string;
  namespace?: string;
  docIndex: number;
  refs: KongPluginRef[];
}

export interface KongWiring {
  plugins: KongPluginDecl[];
  referers: KongReferer[];
}

function str(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Split as the controller does (annotations.go): on `,`, each entry trimmed, empty entries dropped; `ns:name`. */
export function parseKongPluginsValue(value: string, contentStart: number | undefined, whole: Range): KongPluginRef[] {
  const refs: KongPluginRef[] = [];
  let offset = 0;
  for (const part of value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const entry = part.trim();
    if (entry !== '') {
      const start = offset + lead;
      const range = contentStart !== undefined ? { start: contentStart + start, end: contentStart + start + entry.length } : whole;
      const colon = entry.indexOf(':');
      const ref: KongPluginRef =
        colon < 0
          ? { text: entry, name: entry, range }
          : { text: entry, name: entry.slice(colon + 1).trim(), namespace: entry.slice(0, colon).trim(), range };
      refs.push(ref);
    }
    offset += part.length + 1;
  }
  return refs;
}

function referer(text: TextLike, doc: Document.Parsed, root: unknown, docIndex: number): KongReferer | undefined {
  const meta = manifestMeta(root);
  if (!meta || !(meta.kind in REFERERS) || apiGroup(meta.apiVersion) !== REFERERS[meta.kind]) return undefined;
  const ann = getMap(getMap(root, 'metadata', doc), 'annotations', doc);
  const pair = ann && getPair(ann, KONG_PLUGINS_ANNOTATION);
  const keyRange = pair && nodeRange(pair.key as Node);
  if (!pair || !keyRange) return undefined;
  const value = valueRef(text, pair.value, findValueFallback(text, keyRange.end), doc);
  if (value.collection) return undefined;
  return {
    label: `${meta.kind}/${meta.name}`,
    namespace: meta.namespace,
    docIndex,
    refs: parseKongPluginsValue(value.text, value.contentStart, value.range),
  };
}

/** Every KongPlugin / KongClusterPlugin and every `konghq.com/plugins` annotation of a parsed file. */
export function kongWiring(text: TextLike, docs: readonly ParsedDocument[]): KongWiring {
  const plugins: KongPluginDecl[] = [];
  const referers: KongReferer[] = [];
  docs.forEach((d, i) => {
    const root = d.doc.contents;
    if (!isMap(root)) return;
    const meta = manifestMeta(root);
    if (!meta) return;
    if ((meta.kind === 'KongPlugin' || meta.kind === 'KongClusterPlugin') && apiGroup(meta.apiVersion) === KONG_GROUP && meta.name) {
      const namespace = meta.kind === 'KongPlugin' ? meta.namespace : undefined;
      plugins.push({
        kind: meta.kind,
        name: meta.name,
        namespace,
        plugin: str(getPair(root, 'plugin')?.value),
        docIndex: i,
        anchor: meta.kindRange,
      });
      return;
    }
    const r = referer(text, d.doc, root, i);
    if (r) referers.push(r);
  });
  return { plugins, referers };
}

/**
 * The plugin an entry names, among those of the file: a KongPlugin of the entry's namespace (the referer's own
 * when none is written), else a KongClusterPlugin of that name (kongstate.go `getKongPluginOrKongClusterPlugin`).
 */
export function resolveKongRef(w: KongWiring, r: KongReferer, ref: KongPluginRef): KongPluginDecl | undefined {
  const ns = ref.namespace ?? r.namespace;
  const local = w.plugins.find(
    (p) => p.kind === 'KongPlugin' && p.name === ref.name && (p.namespace === undefined || ns === undefined || p.namespace === ns),
  );
  return local ?? w.plugins.find((p) => p.kind === 'KongClusterPlugin' && p.name === ref.name);
}
