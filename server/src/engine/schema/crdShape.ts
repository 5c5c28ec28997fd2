/**
 * Helpers shared by the CRD shape checks (schema/<controller>Crd.ts): the JSON type the API server sees for a YAML
 * node, and reporting a problem at a field. Values are read the way the API server reads YAML (YAML 1.1 through
 * sigs.k8s.io/yaml: unquoted `yes` is a boolean, `"true"` a string).
 */
import { isPair, isScalar, isMap, isSeq, Scalar } from 'yaml';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import type { ManifestField, Range } from '../types';
import { keyText, nodeRange } from '../parse/parse';
import { yaml11PlainType } from '../parse/values';
import type { SchemaProblem } from './chart';
import { q } from '../util/markdown';
import type { TextLike } from '../util/pieceText';

export type K8sType = 'string' | 'boolean' | 'integer' | 'number' | 'null' | 'object' | 'array';

/** The JSON type the API server sees for a YAML node. */
export function k8sType(node: unknown): K8sType {
  if (node === null || node === undefined) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (!isScalar(node)) return 'null';
  const s = node;
  if (s.type === Scalar.PLAIN && typeof s.source === 'string') {
    switch (yaml11PlainType(s.source)) {
      case 'bool':
        return 'boolean';
      case 'int':
        return 'integer';
      case 'float':
        return 'number';
      case 'null':
        return 'null';
      default:
        return 'string';
    }
  }
  if (typeof s.value === 'boolean') return 'boolean';
  if (typeof s.value === 'number') return Number.isInteger(s.value) ? 'integer' : 'number';
  if (s.value === null) return 'null';
  return 'string';
}

export function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

export interface Ctx {
  text: TextLike;
  out: SchemaProblem[];
  kind: string;
}

export function add(c: Ctx, range: Range | undefined, path: string, message: string): void {
  if (!range) return;
  c.out.push({ range, message: `${q(path)} ${message}`, path });
}

export function valueRange(f: ManifestField): Range {
  return f.value.range;
}

/** Type check of a field; returns false (and reports) when the type is wrong. */
export function expectType(c: Ctx, f: ManifestField, want: K8sType): boolean {
  const got = k8sType(f.pair.value);
  if (got === want || (want === 'number' && got === 'integer')) return true;
  const quoted =
    (want === 'boolean' || want === 'integer' || want === 'number') &&
    got === 'string' &&
    isScalar(f.pair.value) &&
    f.pair.value.type !== Scalar.PLAIN;
  add(
    c,
    valueRange(f),
    f.label,
    `must be ${article(want)}, not ${article(got)}${quoted ? ' (remove the quotes)' : ''}: the API server rejects the ${c.kind}.`,
  );
  return false;
}

export interface Item {
  value: string;
  node: Node;
  range: Range;
  index: number;
}

/** Items of a string array field (reports non-string items). */
export function stringItems(c: Ctx, f: ManifestField): Item[] | undefined {
  if (!expectType(c, f, 'array')) return undefined;
  const seq = f.pair.value as YAMLSeq;
  const out: Item[] = [];
  seq.items.forEach((n, index) => {
    const r = nodeRange(n as Node);
    const t = k8sType(n);
    if (t !== 'string') {
      add(c, r, `${f.label}[${index}]`, `must be a string, not ${article(t)}: the API server rejects the ${c.kind}.`);
      return;
    }
    if (r) out.push({ value: String((n as Scalar).value), node: n as Node, range: r, index });
  });
  return out;
}

export function maxItems(c: Ctx, f: ManifestField, items: Item[], max: number): void {
  if (items.length > max) add(c, f.keyRange, f.label, `has ${items.length} items; the CRD allows at most ${max} (maxItems).`);
}

export function starAlone(c: Ctx, f: ManifestField, items: Item[], what: string): void {
  const star = items.find((i) => i.value === '*');
  if (star && items.length > 1)
    add(c, star.range, `${f.label}[${star.index}]`, `${q('*')} must be the only ${what} (CEL rule): the API server rejects the ${c.kind}.`);
}

export function unknownFields(c: Ctx, block: YAMLMap | undefined, path: string, known: readonly string[]): void {
  for (const it of block?.items ?? []) {
    if (!isPair(it)) continue;
    const k = keyText(it.key);
    if (k === undefined || known.includes(k)) continue;
    add(
      c,
      nodeRange(it.key as Node),
      `${path}.${k}`,
      `is not a field of the ${c.kind} CRD (${known.map(q).join(', ')}): the API server rejects it or drops it.`,
    );
  }
}

/** A fresh context for one object of the given kind (`HTTPRoute`, `VirtualService`, ...). */
export function crdCtx(text: TextLike, kind: string): Ctx {
  return { text, out: [], kind };
}
