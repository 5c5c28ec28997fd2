/** Helpers shared by the manifest policy models (Traefik, Istio, Gateway API): sequence fields, booleans, matchers. */
import { isScalar, Scalar } from 'yaml';
import type { Node, YAMLSeq } from 'yaml';
import type { EffectivePolicy, FieldRef, ManifestField, OriginKind, OriginMatcher } from '../types';
import { fieldSeq } from '../targets/manifest';
import { valueRef, yaml11PlainType } from '../parse/values';
import { makeMatcher } from './origins';
import type { TextLike } from '../util/pieceText';

export interface SeqItem {
  /** The item as a string (scalars only; other items are skipped). */
  value: string;
  node: Node;
  seq: YAMLSeq;
  index: number;
  /** The item as its own FieldRef (`field.value` is the item), for sequence matchers and fixes. */
  field: FieldRef;
}

/** The scalar items of a sequence field. */
export function seqItems(text: TextLike, f: ManifestField | undefined): SeqItem[] {
  const seq = fieldSeq(f);
  if (!f || !seq) return [];
  const out: SeqItem[] = [];
  seq.items.forEach((node, index) => {
    if (!isScalar(node) || node.value === null || node.value === undefined) return;
    const n = node as Node;
    const value = valueRef(text, n, f.keyRange.end);
    out.push({ value: value.text, node: n, seq, index, field: { keyRange: f.keyRange, value, label: f.label } });
  });
  return out;
}

/** A matcher for one sequence item. */
export function seqMatcher(value: string, kind: OriginKind, item: Node, seq: YAMLSeq, field: FieldRef, index: number): OriginMatcher {
  const r = field.value.range;
  const m = makeMatcher(value, { start: r.start, end: r.end }, index, field, kind);
  m.container = 'sequence';
  m.seqItem = { node: item, seq };
  return m;
}

/** How the Kubernetes API server (YAML 1.1) reads a boolean field: true, false, or not a boolean. */
export function boolOf(f: ManifestField | undefined): boolean | undefined {
  if (!f) return undefined;
  const n = f.pair.value;
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'boolean') return n.value;
  if (n.type === Scalar.PLAIN && typeof n.value === 'string' && yaml11PlainType(n.value) === 'bool')
    return /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(n.value);
  return undefined;
}

/** An integer field (undefined when missing or not an integer). */
export function intOf(f: ManifestField | undefined): number | undefined {
  if (!f) return undefined;
  const n = f.pair.value;
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'number' && Number.isInteger(n.value)) return n.value;
  return undefined;
}

/** Add a field to the policy's field map when it is written. */
export function setField(fields: EffectivePolicy['fields'], key: keyof EffectivePolicy['fields'], f: ManifestField | undefined): void {
  if (f) fields[key] = { keyRange: f.keyRange, value: f.value, label: f.label };
}

/** A list field joined the way the controller joins it (',' for Traefik and Envoy). */
export function joinedList(text: TextLike, f: ManifestField | undefined, sep = ','): string {
  return seqItems(text, f)
    .map((i) => i.value)
    .join(sep);
}
