/**
 * Helpers for the values-file rules (unknown-cors-annotation, annotation-conflict, ingress-disabled,
 * tls-disabled, ingress-class-conflict, controller-mismatch). Not a rule: the `_` prefix keeps it out of
 * the registry.
 *
 * Helm reads values with go-yaml (YAML 1.1) and the chart tests them with Go template truthiness
 * (`{{ if .Values.ingress.enabled }}`): false, 0, nil and empty strings/collections are false,
 * everything else (including the string "false") is true. A null written by the user over a chart
 * default deletes the key when Helm coalesces the values, so it reads as nil (false).
 */
import { Alias, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node } from 'yaml';
import type { AnnotationEntry, IngressNginxTarget } from '../types';
import { corsSuffixOfKey } from '../policy/ingressNginxModel';
import { yaml11PlainType } from '../parse/values';
import type { TextLike } from '../util/pieceText';

/** Go template truthiness of a value as Helm sees it; undefined when it cannot be decided (alias, tag). */
export function helmTruthy(node: Node | null | undefined, text: TextLike): boolean | undefined {
  if (node === null || node === undefined) return false;
  if (node instanceof Alias) return undefined;
  if (node instanceof YAMLMap || node instanceof YAMLSeq) return node.items.length > 0;
  if (!(node instanceof Scalar)) return undefined;
  if (node.tag && node.tag !== 'tag:yaml.org,2002:str' && node.tag !== '!!str') return undefined;
  if (node.type !== Scalar.PLAIN) return typeof node.value === 'string' ? node.value !== '' : undefined;
  const src = node.range ? text.slice(node.range[0], node.range[1]).trim() : String(node.value ?? '');
  switch (yaml11PlainType(src)) {
    case 'null':
      return false;
    case 'bool':
      return /^(y|yes|true|on)$/i.test(src);
    case 'int':
      // 0, -0, 0x0, 0b0, 0o0, 000 and 0_0 are zero.
      return !/^[-+]?(0[xbo]?)?[0_]*$/i.test(src);
    case 'float':
      return !/^[-+]?[0_]*\.?[0_]*([eE][-+]?[0-9]+)?$/.test(src);
    default:
      return src !== '';
  }
}

/** How a value is written, for messages: `false`, `""`, `null`, `0`. */
export function writtenAs(node: Node | null | undefined, text: TextLike): string {
  if (!node || !node.range) return 'null';
  const src = text.slice(node.range[0], node.range[1]).trim();
  return src === '' ? 'null' : src;
}

/** Every annotation entry (both maps, render order) that is one of the seven ingress-nginx CORS keys. */
export function corsEntries(t: IngressNginxTarget): readonly AnnotationEntry[] {
  // Several rules ask in a row (controller-mismatch, ingress-disabled): the last answer is kept (a WeakMap per
  // target would cost more than it saves: its entries are processed by every garbage collection).
  if (lastCors?.t === t && lastCors.annotations === t.annotations) return lastCors.entries;
  const entries = t.annotations.filter((a) => corsSuffixOfKey(t.prefix, a.key) !== undefined);
  lastCors = { t, annotations: t.annotations, entries };
  return entries;
}
let lastCors: { t: IngressNginxTarget; annotations: readonly AnnotationEntry[]; entries: readonly AnnotationEntry[] } | undefined;

/** Whether `map` has a pair with `key` other than the one whose key starts at `exceptKeyStart`. */
export function otherPairWithKey(map: YAMLMap | undefined, key: string, exceptKeyStart: number): boolean {
  if (!map) return false;
  return map.items.some((p) => p.key instanceof Scalar && String(p.key.value) === key && (p.key as Node).range?.[0] !== exceptKeyStart);
}
