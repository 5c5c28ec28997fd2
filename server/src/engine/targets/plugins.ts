/**
 * Step 2 (Kong, APISIX): CORS configured as a gateway plugin named `cors` (docs/reference/kong.md,
 * docs/reference/apisix.md):
 *  - Kong: a `KongPlugin` / `KongClusterPlugin` (configuration.konghq.com/v1) with top-level `plugin: cors`; its
 *    top-level `config` is the plugin configuration (no `spec`);
 *  - APISIX: a `cors` entry of `spec.http[].plugins[]` of an `ApisixRoute`, or of `spec.plugins[]` of an
 *    `ApisixPluginConfig` (apisix.apache.org/v2) or a Gateway API `PluginConfig` (apisix.apache.org/v1alpha1).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { FieldRef, PluginTarget, Target } from '../types';
import { getMap, getPair } from '../parse/values';
import { apiGroup, keyRangeOf, manifestMeta, readBlockFields, type ManifestMeta } from './manifest';
import type { TextLike } from '../util/pieceText';

export const KONG_GROUP = 'configuration.konghq.com';
export const APISIX_GROUP = 'apisix.apache.org';

function scalarText(map: unknown, key: string): string | undefined {
  const v = getPair(map, key)?.value;
  return isScalar(v) && v.value !== null && v.value !== undefined ? String(v.value) : undefined;
}

/** A switch (`disabled: true`, `enable: false`) as a FieldRef when it is set to the value that turns the plugin off. */
function offSwitch(text: TextLike, doc: Document.Parsed, owner: YAMLMap, key: string, off: boolean, path: string): FieldRef | undefined {
  const fields = readBlockFields(text, doc, owner, path);
  const f = fields.get(key);
  const v = f?.pair.value;
  return f && isScalar(v) && v.value === off ? { keyRange: f.keyRange, value: f.value, label: path ? f.label : key } : undefined;
}

function pluginTarget(
  kind: PluginTarget['kind'],
  text: TextLike,
  doc: Document.Parsed,
  docIndex: number,
  meta: ManifestMeta,
  owner: YAMLMap,
  path: string,
  source: string,
): PluginTarget {
  const block = getMap(owner, 'config', doc);
  const base = path === '' ? 'config' : `${path}.config`;
  return {
    kind,
    source,
    anchor: keyRangeOf(getPair(owner, 'config')) ?? keyRangeOf(getPair(owner, kind === 'kong' ? 'plugin' : 'name')) ?? meta.kindRange,
    docIndex,
    apiVersion: meta.apiVersion,
    name: meta.name,
    namespace: meta.namespace,
    block,
    fields: readBlockFields(text, doc, block, base),
    path: base,
    text,
    disabled: kind === 'kong' ? offSwitch(text, doc, owner, 'disabled', true, path) : offSwitch(text, doc, owner, 'enable', false, path),
  };
}

export function kongTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || (meta.kind !== 'KongPlugin' && meta.kind !== 'KongClusterPlugin') || apiGroup(meta.apiVersion) !== KONG_GROUP) return [];
  if (!isMap(root) || scalarText(root, 'plugin') !== 'cors') return [];
  return [pluginTarget('kong', text, doc, docIndex, meta, root, '', `${meta.kind}/${meta.name}`)];
}

/** The `cors` entries of a `plugins` list. */
function corsPlugins(list: unknown): { entry: YAMLMap; index: number }[] {
  if (!isSeq(list)) return [];
  const out: { entry: YAMLMap; index: number }[] = [];
  list.items.forEach((entry, index) => {
    if (isMap(entry) && scalarText(entry, 'name') === 'cors') out.push({ entry, index });
  });
  return out;
}

export function apisixTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || apiGroup(meta.apiVersion) !== APISIX_GROUP) return [];
  const spec = getMap(root, 'spec', doc);
  if (!spec) return [];
  const out: Target[] = [];
  if (meta.kind === 'ApisixPluginConfig' || meta.kind === 'PluginConfig') {
    for (const { entry, index } of corsPlugins(getPair(spec, 'plugins')?.value))
      out.push(pluginTarget('apisix', text, doc, docIndex, meta, entry, `spec.plugins[${index}]`, `${meta.kind}/${meta.name}`));
  } else if (meta.kind === 'ApisixRoute') {
    const http = getPair(spec, 'http')?.value;
    if (!isSeq(http)) return [];
    http.items.forEach((route, i) => {
      if (!isMap(route)) return;
      for (const { entry, index } of corsPlugins(getPair(route, 'plugins')?.value))
        out.push(
          pluginTarget(
            'apisix',
            text,
            doc,
            docIndex,
            meta,
            entry,
            `spec.http[${i}].plugins[${index}]`,
            `ApisixRoute/${meta.name}#http[${i}]`,
          ),
        );
    });
  }
  return out;
}
