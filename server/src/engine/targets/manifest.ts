/** Helpers shared by the manifest targets (Traefik, Istio, Gateway API, plain Ingress): metadata, fields, ranges. */
import { isMap, isPair, isSeq, isScalar } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { ManifestCorsTarget, ManifestField, Range } from '../types';
import { keyText, nodeRange } from '../parse/parse';
import { getMap, getPair, valueRef } from '../parse/values';
import { findValueFallback } from './valuesFile';
import type { TextLike } from '../util/pieceText';

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
export function readBlockFields(
  text: TextLike,
  doc: Document.Parsed,
  block: YAMLMap | undefined,
  path: string,
): Map<string, ManifestField> {
  const out = new Map<string, ManifestField>();
  if (!block) return out;
  for (const item of block.items) {
    if (!isPair(item)) continue;
    const name = keyText(item.key);
    const keyRange = nodeRange(item.key as Node);
    if (name === undefined || !keyRange) continue;
    const value = valueRef(text, item.value, findValueFallback(text, keyRange.end), doc);
    out.set(name, { name, keyRange, value, label: `${path}.${name}`, pair: item });
  }
  return out;
}

/** The sequence behind a field value (undefined when it is not a sequence). */
export function fieldSeq(f: ManifestField | undefined): YAMLSeq | undefined {
  const v = f?.pair.value;
  return isSeq(v) ? v : undefined;
}

/** The `key:` pair of a map as an anchor range. */
export function keyRangeOf(pair: Pair | undefined): Range | undefined {
  return pair ? nodeRange(pair.key as Node) : undefined;
}

/** What every manifest CORS target holds besides its kind: where the block is (its key the anchor) and what it says. */
export function blockTarget(
  text: TextLike,
  doc: Document.Parsed,
  docIndex: number,
  meta: ManifestMeta,
  at: { source: string; keyPair: Pair | undefined; block: YAMLMap | undefined; path: string },
): ManifestCorsTarget {
  return {
    source: at.source,
    anchor: keyRangeOf(at.keyPair) ?? meta.kindRange,
    docIndex,
    apiVersion: meta.apiVersion,
    name: meta.name,
    namespace: meta.namespace,
    block: at.block,
    fields: readBlockFields(text, doc, at.block, at.path),
    path: at.path,
    text,
  };
}
