/**
 * Reading a values document the way Helm does (go-yaml v2, YAML 1.1), not the way the `yaml` package does:
 * unquoted `yes`/`on` are booleans, `<<` merge keys are applied, the last of a repeated key wins, and alias
 * expansions are counted (memoized) so a "billion laughs" document costs linear time (schema/chart.ts).
 */
import { Alias, Scalar, YAMLMap, YAMLSeq, isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { yaml11PlainType } from '../parse/values';

/** Most alias expansions one top-level value may need before it is left unchecked. */
export const MAX_ALIAS_EXPANSIONS = 100;

/* ------------------------------------------------------------- YAML access */

export const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);

export interface Ctx {
  doc: Document.Parsed;
  /** alias → anchored node, built on first use (one pass over the document). */
  aliases?: Map<Alias, Node | undefined>;
  /** Alias expansions needed to read a collection, saturated at MAX + 1. */
  expansions: Map<Node, number>;
  /** Effective key → pair of a mapping, merge keys applied. */
  pairIndex: Map<YAMLMap, Map<string, Pair>>;
  sawCycle: boolean;
  /** Collections that (through aliases) contain themselves. */
  cyclic: Set<Node>;
  /** `<<` pairs whose value is not a mapping or a list of mappings (go-yaml fails on them), with their path. */
  badMerges: { pair: Pair; segs: string[] }[];
}

export function resolveAlias(alias: Alias, ctx: Ctx): Node | undefined {
  if (!ctx.aliases) {
    // Same rule as Alias.resolve (the last node with that anchor before the alias), for all aliases at once.
    const map = new Map<Alias, Node | undefined>();
    const current = new Map<string, Node>();
    visit(ctx.doc, {
      Node(_key, node) {
        if (isAlias(node)) map.set(node, current.get(node.source));
        else if (node.anchor) current.set(node.anchor, node);
      },
    });
    ctx.aliases = map;
  }
  return ctx.aliases.get(alias);
}

export function deref(node: unknown, ctx: Ctx): unknown {
  return node instanceof Alias ? resolveAlias(node, ctx) : node;
}

/** The value Helm reads from a scalar. */
export function scalarValue(s: Scalar): unknown {
  const v = s.value;
  if (s.type === Scalar.PLAIN && s.tag === undefined && typeof s.source === 'string') {
    const src = s.source;
    switch (yaml11PlainType(src)) {
      case 'bool':
        return TRUE_WORDS.has(src.trim());
      case 'null':
        return null;
      case 'int':
      case 'float': {
        if (typeof v === 'number') return v;
        const n = Number(src.trim().replace(/_/g, ''));
        return Number.isNaN(n) ? 0 : n; // only the type matters for the schema
      }
      case 'string':
        return typeof v === 'string' ? v : src;
    }
  }
  return typeof v === 'bigint' ? Number(v) : v;
}

/** The plain (unquoted) YAML 1.1 boolean word of a scalar that the `yaml` package reads as a string, if any. */
export function yaml11OnlyBool(node: unknown, ctx: Ctx): string | undefined {
  const n = deref(node, ctx);
  if (isScalar(n) && n.type === Scalar.PLAIN && n.tag === undefined && typeof n.value === 'string' && typeof n.source === 'string') {
    if (yaml11PlainType(n.source) === 'bool') return n.source.trim();
  }
  return undefined;
}

export function isMergeKey(key: unknown): boolean {
  return key instanceof Scalar && key.value === '<<' && key.type === Scalar.PLAIN && key.tag === undefined;
}

/** The key as Helm sees it (map keys become strings). */
export function keyString(key: unknown, ctx: Ctx): string | undefined {
  if (key === null || key === undefined) return 'null';
  const k = deref(key, ctx);
  if (k instanceof Scalar) {
    const v = scalarValue(k);
    return v === null ? 'null' : String(v);
  }
  return undefined;
}

/** The maps a `<<` value merges, in the order go-yaml applies them (so the last one applied wins). */
export function mergeSources(value: unknown, ctx: Ctx): YAMLMap[] | undefined {
  const v = deref(value, ctx);
  if (isMap(v)) return [v];
  if (isSeq(v)) {
    const out: YAMLMap[] = [];
    for (let i = v.items.length - 1; i >= 0; i--) {
      const m = deref(v.items[i], ctx);
      if (!isMap(m)) return undefined;
      out.push(m);
    }
    return out;
  }
  return undefined;
}

/** Effective key → pair of a mapping (last duplicate wins, merge keys applied), cached. */
export function pairIndex(map: YAMLMap, ctx: Ctx, active = new Set<YAMLMap>()): Map<string, Pair> {
  const cached = ctx.pairIndex.get(map);
  if (cached) return cached;
  const index = new Map<string, Pair>();
  if (active.has(map)) return index; // a mapping merged into itself: go-yaml fails, nothing to find
  active.add(map);
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) {
      for (const src of mergeSources(pair.value, ctx) ?? []) {
        for (const [k, p] of pairIndex(src, ctx, active)) index.set(k, p);
      }
    } else {
      const k = keyString(pair.key, ctx);
      if (k !== undefined) index.set(k, pair);
    }
  }
  active.delete(map);
  ctx.pairIndex.set(map, index);
  return index;
}

/** Alias expansions needed to read `node` fully, saturated at MAX + 1 (also for self-references). */
export function expansions(node: unknown, ctx: Ctx, active: Set<Node>): number {
  const LIMIT = MAX_ALIAS_EXPANSIONS + 1;
  if (isAlias(node)) {
    const target = resolveAlias(node, ctx);
    if (!target) return 1;
    if (active.has(target)) {
      ctx.sawCycle = true;
      return LIMIT;
    }
    return Math.min(LIMIT, 1 + expansions(target, ctx, active));
  }
  if (!isMap(node) && !isSeq(node)) return 0;
  const known = ctx.expansions.get(node);
  if (known !== undefined) {
    if (ctx.cyclic.has(node)) ctx.sawCycle = true;
    return known;
  }
  const outerSaw = ctx.sawCycle;
  ctx.sawCycle = false;
  active.add(node);
  let n = 0;
  for (const item of node.items as unknown[]) {
    n += isPair(item) ? expansions(item.key, ctx, active) + expansions(item.value, ctx, active) : expansions(item, ctx, active);
    if (n >= LIMIT) {
      n = LIMIT;
      break;
    }
  }
  active.delete(node);
  ctx.expansions.set(node, n);
  if (ctx.sawCycle) ctx.cyclic.add(node);
  ctx.sawCycle ||= outerSaw;
  return n;
}

/** A path, built only when it is needed (a bad merge). */
export interface PathLink {
  up?: PathLink;
  seg: string;
}

export function linkSegs(at: PathLink | undefined): string[] {
  const out: string[] = [];
  for (let l = at; l; l = l.up) out.unshift(l.seg);
  return out;
}

/** Converts a node the way Helm reads it. Only called once `expansions` is within the limit. */
export function toHelm(node: unknown, ctx: Ctx, at: PathLink | undefined): unknown {
  // Node kinds told by class (a prototype check), not by `yaml`'s isX predicates, whose symbol-keyed reads go
  // megamorphic over the shapes of parsed nodes (as in parse/parse.ts).
  if (node === null || node === undefined) return null;
  if (node instanceof Scalar) return scalarValue(node);
  if (node instanceof Alias) {
    const target = resolveAlias(node, ctx);
    return target ? toHelm(target, ctx, at) : null;
  }
  if (node instanceof YAMLMap) {
    // A plain object (a null-prototype one is a slow dictionary to build and for the validator to enumerate): no
    // property name of the schema is one of Object.prototype's (test/unit/schema.test.ts), and setOwn keeps a
    // `__proto__` key an ordinary key.
    const out: Record<string, unknown> = {};
    const annotations = (at?.seg === 'annotations' && at.up?.seg === 'ingress' && !at.up.up) || (at?.seg === 'commonAnnotations' && !at.up);
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) {
        const sources = mergeSources(pair.value, ctx);
        if (!sources) {
          ctx.badMerges.push({ pair, segs: [...linkSegs(at), '<<'] });
          continue;
        }
        for (const src of sources) {
          const merged = toHelm(src, ctx, at) as Record<string, unknown>;
          for (const k of Object.keys(merged)) setOwn(out, k, merged[k]);
        }
      } else {
        const k = keyString(pair.key, ctx);
        // Annotation values are not type-checked here (annotation-value-not-string owns them): only their names
        // matter to the schema, so the values are not converted.
        if (k !== undefined) setOwn(out, k, annotations ? '' : toHelm(pair.value, ctx, { up: at, seg: k }));
      }
    }
    return out;
  }
  if (node instanceof YAMLSeq) return node.items.map((item, i) => toHelm(item, ctx, { up: at, seg: String(i) }));
  return null;
}

/** `out[k] = v`, also for `k === '__proto__'` (an own property, not the prototype). */
function setOwn(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
  else out[k] = v;
}

/** Only the type of a value the schema does not look inside. */
export function shallow(node: unknown, ctx: Ctx): unknown {
  const n = deref(node, ctx);
  if (isMap(n)) return {};
  if (isSeq(n)) return [];
  if (isScalar(n)) return scalarValue(n);
  return null;
}
