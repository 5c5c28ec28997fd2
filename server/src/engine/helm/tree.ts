/**
 * Helm values as a tree whose every node remembers where it was written (provenance).
 *
 * A values source is a YAML file (chart defaults, `-f`, the previous release's values) or a flag
 * (`--set`, `--set-string`, `--set-json`). The merge (merge.ts) combines trees the way Helm does; the
 * nodes keep their origin, and every map entry keeps the origins it overrode, so the editor can show
 * "set in base.yaml:5, overridden by prod.yaml:3". See docs/reference/helm-values-merge.md.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Range } from '../types';
import { keyText } from '../parse/parse';
import { yaml11PlainType } from '../parse/values';

/** Where a value of the release comes from. */
export interface Origin {
  /** Index of the source in the release's ordered source list. */
  source: number;
  /** Range of the value in the source's text (the file, or the flag's argument). */
  range: Range;
  /** Range of the key that holds the value (absent for list items and roots). */
  keyRange?: Range;
}

export interface HScalar {
  kind: 'scalar';
  /** The Go value Helm holds: string, number (int64 or float64), boolean, or null. */
  value: string | number | boolean | null;
  /** YAML text (one line) that reads back as this value with the same type. */
  text: string;
  /** When set, `text.slice(exactOffset)` starts with the source characters of origin.range, 1:1. */
  exactOffset?: number;
  origin: Origin;
}

export interface HMap {
  kind: 'map';
  entries: Map<string, HEntry>;
  origin: Origin;
}

export interface HList {
  kind: 'list';
  items: (HNode | undefined)[];
  origin: Origin;
}

export type HNode = HScalar | HMap | HList;

export interface HEntry {
  key: string;
  /** The key as written (one line), for emitting it back verbatim; undefined for flags. */
  keyText?: string;
  node: HNode;
  /** Where the key was written by the source that set the current value. */
  keyOrigin: Origin;
  /** Earlier values of this key that a later source replaced, oldest first. */
  overridden: Origin[];
}

export function newMap(origin: Origin): HMap {
  return { kind: 'map', entries: new Map(), origin };
}

/** Largest number of nodes read from one source (aliases are expanded; a bomb stops here). */
export const MAX_TREE_NODES = 200_000;

export class TreeTooLarge extends Error {}

/** Reads a parsed YAML node into a tree with provenance. Helm reads the whole file (YAML 1.1 typing). */
export function fromYaml(
  node: unknown,
  source: number,
  text: string,
  doc: Document.Parsed,
  budget = { n: MAX_TREE_NODES },
): HNode | undefined {
  const seen = new Set<unknown>();
  const read = (n: unknown, keyRange: Range | undefined): HNode | undefined => {
    if (--budget.n < 0) throw new TreeTooLarge('too many values (alias expansion)');
    const own = n as Node | null | undefined;
    const range: Range =
      own && own.range ? { start: own.range[0], end: own.range[1] } : { start: keyRange?.end ?? 0, end: keyRange?.end ?? 0 };
    let target: unknown = n;
    if (isAlias(n)) {
      try {
        target = n.resolve(doc);
      } catch {
        target = undefined;
      }
      if (target === undefined || seen.has(target)) return undefined;
    }
    const origin: Origin = { source, range, keyRange };
    if (target === null || target === undefined) return { kind: 'scalar', value: null, text: 'null', origin };
    if (isScalar(target)) return scalarFromYaml(target, n === target ? range : undefined, origin, text);
    if (isMap(target)) {
      seen.add(target);
      const m = newMap(origin);
      const merges: HMap[] = [];
      for (const p of target.items) {
        const k = keyText(p.key);
        if (k === undefined) continue;
        const kr = (p.key as Node | null)?.range;
        const kRange: Range = kr ? { start: kr[0], end: kr[1] } : range;
        if (k === '<<' && isScalar(p.key) && p.key.type === Scalar.PLAIN) {
          // YAML 1.1 merge key (go-yaml honours it): the merged maps fill keys the map does not set itself.
          const v = read(p.value, kRange);
          if (v?.kind === 'map') merges.push(v);
          else if (v?.kind === 'list') for (const it of v.items) if (it?.kind === 'map') merges.push(it);
          continue;
        }
        const v = read(p.value, kRange) ?? {
          kind: 'scalar' as const,
          value: null,
          text: 'null',
          origin: { source, range: { start: kRange.end, end: kRange.end }, keyRange: kRange },
        };
        const src = text.slice(kRange.start, kRange.end);
        // go-yaml keeps the last of duplicate keys (duplicate-key reports them).
        m.entries.set(k, {
          key: k,
          keyText: src.includes('\n') || src === '' ? undefined : src,
          node: v,
          keyOrigin: { source, range: kRange },
          overridden: [],
        });
      }
      for (const mm of merges) for (const [k, e] of mm.entries) if (!m.entries.has(k)) m.entries.set(k, e);
      seen.delete(target);
      return m;
    }
    if (isSeq(target)) {
      seen.add(target);
      const l: HList = { kind: 'list', items: target.items.map((it) => read(it, undefined)), origin };
      seen.delete(target);
      return l;
    }
    return undefined;
  };
  return read(node, undefined);
}

function scalarFromYaml(s: Scalar, ownRange: Range | undefined, origin: Origin, text: string): HScalar {
  const v = s.value;
  const src = ownRange ? text.slice(ownRange.start, ownRange.end) : undefined;
  const oneLine = src !== undefined && src !== '' && !/[\r\n]/.test(src);
  const strTag = s.tag === 'tag:yaml.org,2002:str';
  let value: HScalar['value'];
  if (s.type === Scalar.PLAIN && typeof v === 'string' && !strTag) {
    const t = yaml11PlainType(src ?? v);
    value =
      t === 'null'
        ? null
        : t === 'bool'
          ? /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(v.trim())
          : t === 'int' || t === 'float'
            ? Number(v.replace(/_/g, ''))
            : v;
  } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) value = v;
  else value = String(v);
  if (strTag && typeof value !== 'string') value = String(src ?? value);
  if (oneLine && src !== undefined) {
    const prefix = strTag ? '!!str ' : '';
    return { kind: 'scalar', value, text: prefix + src, exactOffset: prefix.length, origin };
  }
  return { kind: 'scalar', value, text: scalarText(value), origin };
}

/** YAML text for a Go value (strings double-quoted, JSON escapes). */
export function scalarText(v: HScalar['value']): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** A deep copy (merges never mutate a source's tree). */
export function cloneNode(n: HNode): HNode {
  if (n.kind === 'scalar') return { ...n };
  if (n.kind === 'list') return { kind: 'list', items: n.items.map((i) => (i ? cloneNode(i) : undefined)), origin: n.origin };
  const m = newMap(n.origin);
  for (const [k, e] of n.entries) m.entries.set(k, { ...e, node: cloneNode(e.node), overridden: [...e.overridden] });
  return m;
}

/** The plain JavaScript value of a tree (what `helm get values -o json` would print). */
export function toPlain(n: HNode | undefined): unknown {
  if (!n) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'list') return n.items.map((i) => toPlain(i));
  const o: Record<string, unknown> = {};
  for (const [k, e] of n.entries) o[k] = toPlain(e.node);
  return o;
}

/** The entry at a dotted path of keys (exact keys, no escaping). */
export function entryAt(root: HMap | undefined, path: readonly string[]): HEntry | undefined {
  let m: HNode | undefined = root;
  let e: HEntry | undefined;
  for (const k of path) {
    if (!m || m.kind !== 'map') return undefined;
    e = m.entries.get(k);
    m = e?.node;
  }
  return e;
}
