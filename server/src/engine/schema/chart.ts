/**
 * Checks a values document against the vcluster-platform chart's schema
 * (schemas/vcluster-platform-values.schema.json) and maps every problem to the exact YAML node.
 *
 * Only the top-level keys the schema describes are read, and free-form ones (maps and lists the schema
 * types without looking inside) are read shallowly. Values are read the way Helm reads them, not the way
 * the `yaml` package does:
 * - Helm uses go-yaml v2 (YAML 1.1): unquoted `yes`/`no`/`on`/`off`/`y`/`n` are booleans and `1_000` is
 *   a number, while the `yaml` package (YAML 1.2 core schema) reads them as strings.
 * - `<<` merge keys are applied (go-yaml v2 order: a merge overwrites the keys written before it, and
 *   earlier maps in a `<<: [*a, *b]` list win).
 * - A key written twice: the last one wins.
 *
 * Aliases: before anything is converted, the number of alias expansions is counted (memoized per node,
 * so a "billion laughs" document costs linear time). A value that needs more than 100 expansions, or
 * refers to itself, is reported once and not checked. We do not rely on `node.toJS({ maxAliasCount })`:
 * its guard bounds expansions per anchor, but `yaml` resolves every alias with a linear scan over all
 * anchors, so a file with tens of thousands of distinct anchors still takes seconds (20,000 anchors: ~10 s).
 */
import { levenshtein } from '../util/levenshtein';
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as generated from '../generated/validators';
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { Alias, Document, Node, Pair, YAMLMap } from 'yaml';
import schema from '../../../../schemas/vcluster-platform-values.schema.json';
import { yaml11PlainType } from '../parse/values';
import { q } from '../util/markdown';
import { isAliasFree } from '../parse/parse';

export interface SchemaProblem {
  range: { start: number; end: number };
  message: string;
  /** Where the problem is, e.g. `ingress.tls.enabled` or `ingress.annotations["bad key!"]`. */
  path: string;
  /**
   * 'annotation': an annotation value the controller ignores; 'plugin': a gateway plugin configuration the gateway
   * refuses (no API-server rejection in either case).
   */
  messageId?: 'annotation' | 'plugin';
}

/** Most alias expansions one top-level value may need before it is left unchecked. */
const MAX_ALIAS_EXPANSIONS = 100;

/* ------------------------------------------------------------------ schema */

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: unknown;
  propertyNames?: unknown;
  items?: unknown;
  pattern?: string;
}

const ROOT_SCHEMA = schema as unknown as SchemaNode;

/** Precompiled at build time by scripts/gen-validators.mjs (allErrors, verbose, strict: false). */
function getValidator(): ValidateFunction {
  return (generated as unknown as { validateValues: ValidateFunction }).validateValues;
}

/** Whether the schema looks inside values of this property (else only the value's type is checked). */
function isDeep(s: SchemaNode | undefined): boolean {
  return !!s && (s.properties !== undefined || s.additionalProperties !== undefined || s.propertyNames !== undefined || s.items !== undefined);
}

/** Maps whose values are annotation values: their value types belong to the annotation-value-not-string rule. */
const ANNOTATION_MAPS = new Set(['/ingress/annotations', '/commonAnnotations']);

/* ------------------------------------------------------------- YAML access */

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);

interface Ctx {
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

function resolveAlias(alias: Alias, ctx: Ctx): Node | undefined {
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

function deref(node: unknown, ctx: Ctx): unknown {
  return isAlias(node) ? resolveAlias(node, ctx) : node;
}

/** The value Helm reads from a scalar. */
function scalarValue(s: Scalar): unknown {
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
function yaml11OnlyBool(node: unknown, ctx: Ctx): string | undefined {
  const n = deref(node, ctx);
  if (isScalar(n) && n.type === Scalar.PLAIN && n.tag === undefined && typeof n.value === 'string' && typeof n.source === 'string') {
    if (yaml11PlainType(n.source) === 'bool') return n.source.trim();
  }
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === Scalar.PLAIN && key.tag === undefined && key.value === '<<';
}

/** The key as Helm sees it (map keys become strings). */
function keyString(key: unknown, ctx: Ctx): string | undefined {
  if (key === null || key === undefined) return 'null';
  const k = deref(key, ctx);
  if (isScalar(k)) {
    const v = scalarValue(k);
    return v === null ? 'null' : String(v);
  }
  return undefined;
}

/** The maps a `<<` value merges, in the order go-yaml applies them (so the last one applied wins). */
function mergeSources(value: unknown, ctx: Ctx): YAMLMap[] | undefined {
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
function pairIndex(map: YAMLMap, ctx: Ctx, active = new Set<YAMLMap>()): Map<string, Pair> {
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
function expansions(node: unknown, ctx: Ctx, active: Set<Node>): number {
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
interface PathLink {
  up?: PathLink;
  seg: string;
}

function linkSegs(at: PathLink | undefined): string[] {
  const out: string[] = [];
  for (let l = at; l; l = l.up) out.unshift(l.seg);
  return out;
}

/** Converts a node the way Helm reads it. Only called once `expansions` is within the limit. */
function toHelm(node: unknown, ctx: Ctx, at: PathLink | undefined): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    const target = resolveAlias(node, ctx);
    return target ? toHelm(target, ctx, at) : null;
  }
  if (isScalar(node)) return scalarValue(node);
  if (isMap(node)) {
    // No prototype, so that a `__proto__` key is an ordinary key.
    const out = Object.create(null) as Record<string, unknown>;
    const annotations =
      (at?.seg === 'annotations' && at.up?.seg === 'ingress' && !at.up.up) || (at?.seg === 'commonAnnotations' && !at.up);
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) {
        const sources = mergeSources(pair.value, ctx);
        if (!sources) {
          ctx.badMerges.push({ pair, segs: [...linkSegs(at), '<<'] });
          continue;
        }
        for (const src of sources) Object.assign(out, toHelm(src, ctx, at));
      } else {
        const k = keyString(pair.key, ctx);
        // Annotation values are not type-checked here (annotation-value-not-string owns them): only their names
        // matter to the schema, so the values are not converted.
        if (k !== undefined) out[k] = annotations ? '' : toHelm(pair.value, ctx, { up: at, seg: k });
      }
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item, i) => toHelm(item, ctx, { up: at, seg: String(i) }));
  return null;
}

/** Only the type of a value the schema does not look inside. */
function shallow(node: unknown, ctx: Ctx): unknown {
  const n = deref(node, ctx);
  if (isMap(n)) return {};
  if (isSeq(n)) return [];
  if (isScalar(n)) return scalarValue(n);
  return null;
}

/* ------------------------------------------------------------- locations */

type Seg = string;

function rangeOf(node: unknown): { start: number; end: number } | undefined {
  const r = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  if (!r || r[1] <= r[0]) return undefined;
  return { start: r[0], end: Math.max(r[0] + 1, Math.min(r[1], contentEnd(node, r[1]))) };
}

function hasText(node: unknown): boolean {
  const r = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  return !!r && r[1] > r[0];
}

/**
 * Where a block collection's content ends: its range runs on to the next line (and over trailing
 * comments), so stop at the end of its last item instead.
 */
function contentEnd(node: unknown, fallback: number): number {
  let n = node;
  for (let depth = 0; depth < 1000 && (isMap(n) || isSeq(n)) && !n.flow && n.items.length > 0; depth++) {
    const last: unknown = n.items[n.items.length - 1];
    n = isPair(last) ? (hasText(last.value) ? last.value : last.key) : last;
  }
  const r = (n as { range?: [number, number, number] | null } | null | undefined)?.range;
  return r && r !== (node as { range?: unknown }).range ? r[1] : fallback;
}

function displayPath(segs: Seg[]): string {
  let out = '';
  for (const s of segs) {
    if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out ? `.${s}` : s;
    else if (/^(0|[1-9][0-9]*)$/.test(s)) out += `[${s}]`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

interface Located {
  /** The value node as written at that place (an alias stays an alias). */
  node: unknown;
  /** The key of the pair holding it (undefined for list items). */
  key: unknown;
}

/** Follows JSON-pointer segments through the YAML tree (aliases followed, merges applied, last key wins). */
function locate(root: YAMLMap, segs: Seg[], ctx: Ctx): Located | undefined {
  let cur: Located = { node: root, key: undefined };
  for (const seg of segs) {
    const n = deref(cur.node, ctx);
    if (isMap(n)) {
      const pair = pairIndex(n, ctx).get(seg);
      if (!pair) return undefined;
      cur = { node: pair.value, key: pair.key };
    } else if (isSeq(n)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= n.items.length) return undefined;
      cur = { node: n.items[i], key: undefined };
    } else {
      return undefined;
    }
  }
  return cur;
}

function pointerSegs(pointer: string): Seg[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** How a key is written (for messages), e.g. `yes` rather than Helm's `true`. */
function keyDisplay(key: unknown, fallback: string): string {
  if (isScalar(key) && key.value !== null) return String(key.value);
  return fallback;
}

/* -------------------------------------------------------------- messages */


function closest(key: string, allowed: string[]): string | undefined {
  if (key.length > 64) return undefined;
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = levenshtein(key.toLowerCase(), a.toLowerCase(), 2);
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

/** Keys people carry over from other charts' ingress blocks (and old versions of this one). */
const KEY_HINTS: Record<string, Record<string, { suggest?: string; note?: string }>> = {
  ingress: {
    ingressClassName: { suggest: 'ingressClass' },
    className: { suggest: 'ingressClass' },
    class: { suggest: 'ingressClass' },
    hosts: { suggest: 'host', note: 'This chart serves one host, written as a string.' },
    hostname: { suggest: 'host' },
    pathType: { note: 'the chart always renders `pathType: ImplementationSpecific`' },
    backend: { note: 'the chart always routes to the `loft` Service on port 80' },
    extraPaths: { note: 'the chart renders exactly one path, `ingress.path`' },
    rules: { note: 'the chart renders one rule from `ingress.host` and `ingress.path`' },
  },
  'ingress.tls': {
    secretName: { suggest: 'secret' },
    hosts: { note: 'the TLS host is `ingress.host`' },
    clusterIssuer: { note: 'it was never used and is gone since v3.4; set the `cert-manager.io/cluster-issuer` annotation in `ingress.annotations`' },
  },
};

function unknownKeyMessage(key: string, block: string, allowed: string[]): string {
  const head = `${q(key)} is not a key of this chart's ${q(block)} block`;
  const hint = KEY_HINTS[block]?.[key];
  if (hint?.suggest) return `${head}; did you mean ${q(hint.suggest)}?${hint.note ? ' ' + hint.note : ''}`;
  if (hint?.note) return `${head}: ${hint.note}.`;
  const near = closest(key, allowed);
  if (near) return `${head}; did you mean ${q(near)}?`;
  return `${head} (its keys are ${allowed.map(q).join(', ')}).`;
}

function expectedName(t: string): string {
  switch (t) {
    case 'boolean':
      return 'a boolean (true/false)';
    case 'string':
      return 'a string';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    default:
      return t;
  }
}

function actualName(data: unknown): string {
  if (data === null || data === undefined) return 'empty';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'boolean') return 'a boolean';
  if (typeof data === 'number') return 'a number';
  return 'a string';
}

function typeMessage(path: string, segs: Seg[], expected: string[], data: unknown, node: unknown, ctx: Ctx): string {
  const pointer = '/' + segs.join('/');
  if (pointer === '/ingress/tls' && Array.isArray(data)) return '`ingress.tls` must be a mapping `{enabled, secret}`, not a list';
  if (ANNOTATION_MAPS.has(pointer)) return `${q(path)} must be a mapping of annotation names to strings`;
  if (pointer === '/ingress/labels') return `${q(path)} must be a mapping of label names to strings`;
  const want = expected.filter((t) => t !== 'null').map(expectedName);
  let msg = `${q(path)} must be ${want.join(' or ') || 'empty'}, not ${actualName(data)}`;
  if (data === null && want.length === 1 && expected[0] === 'object') msg += ': an empty value is null, and a null removes all of the chart\'s defaults for this key';
  if (expected.includes('string') && (typeof data === 'boolean' || typeof data === 'number')) {
    const word = typeof data === 'boolean' ? yaml11OnlyBool(node, ctx) : undefined;
    msg += word ? ` (Helm reads the unquoted ${q(word)} as ${String(data)}); quote it` : '; quote it';
  }
  return msg;
}

/* ------------------------------------------------------------------ check */

export function validateValuesSchema(root: YAMLMap, doc: Document.Parsed): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const add = (range: { start: number; end: number } | undefined, message: string, segs: Seg[]): void => {
    if (!range) return;
    const id = `${range.start}:${range.end}`;
    if (seen.has(id)) return;
    seen.add(id);
    problems.push({ range, message, path: displayPath(segs) });
  };
  try {
    check(root, doc, add);
  } catch {
    // Never throw into the rule runner (e.g. a stack overflow on absurdly deep nesting): keep what we have.
  }
  return problems.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

type Add = (range: { start: number; end: number } | undefined, message: string, segs: Seg[]) => void;

let rootProps: { name: string; deep: boolean }[] | undefined;
/** The schema's top-level properties, and whether the schema looks inside each (computed once). */
function rootProperties(): { name: string; deep: boolean }[] {
  return (rootProps ??= Object.entries(ROOT_SCHEMA.properties ?? {}).map(([name, sub]) => ({ name, deep: isDeep(sub) })));
}

function check(root: YAMLMap, doc: Document.Parsed, add: Add): void {
  const ctx: Ctx = { doc, expansions: new Map(), pairIndex: new Map(), sawCycle: false, cyclic: new Set(), badMerges: [] };
  const data = Object.create(null) as Record<string, unknown>;
  const top = pairIndex(root, ctx);
  const noAliases = isAliasFree(doc);
  for (const { name, deep } of rootProperties()) {
    const pair = top.get(name);
    if (!pair) continue;
    if (!deep) {
      data[name] = shallow(pair.value, ctx);
      continue;
    }
    ctx.sawCycle = false;
    // Without aliases (known from the parse walk) nothing expands: no need to count.
    if (!noAliases && expansions(pair.value, ctx, new Set()) > MAX_ALIAS_EXPANSIONS) {
      reportAliasBomb(pair, name, ctx, add);
      continue;
    }
    data[name] = toHelm(pair.value, ctx, { seg: name });
  }

  for (const { pair, segs } of ctx.badMerges) {
    add(rangeOf(pair.value) ?? rangeOf(pair.key), '`<<` (merge key) needs a mapping or a list of mappings; Helm fails to read this file', segs);
  }

  const validate = getValidator();
  if (validate(data)) return;
  for (const e of validate.errors ?? []) report(e, root, ctx, add);
}

/** One problem for a value that expands too many aliases, at the smallest part that does so on its own. */
function reportAliasBomb(pair: Pair, name: string, ctx: Ctx, add: Add): void {
  let cur: { node: unknown; key: unknown; segs: Seg[] } = { node: pair.value, key: pair.key, segs: [name] };
  for (;;) {
    const n = cur.node;
    let next: typeof cur | undefined;
    if (isMap(n)) {
      for (const p of n.items) {
        if (expansions(p.value, ctx, new Set()) > MAX_ALIAS_EXPANSIONS) {
          next = { node: p.value, key: p.key, segs: [...cur.segs, keyString(p.key, ctx) ?? '?'] };
          break;
        }
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => {
        if (!next && expansions(item, ctx, new Set()) > MAX_ALIAS_EXPANSIONS) next = { node: item, key: undefined, segs: [...cur.segs, String(i)] };
      });
    }
    if (!next) break;
    cur = next;
  }
  const isCollection = isMap(cur.node) || isSeq(cur.node);
  const range = (isCollection ? rangeOf(cur.key) : undefined) ?? rangeOf(cur.node) ?? rangeOf(cur.key);
  const what = ctx.sawCycle
    ? 'This value contains itself through an alias (Helm cannot read it)'
    : `This value expands more than ${MAX_ALIAS_EXPANSIONS} aliases`;
  add(range, `${what}; ${q(name)} was not checked.`, cur.segs);
}

function report(e: ErrorObject, root: YAMLMap, ctx: Ctx, add: Add): void {
  const segs = pointerSegs(e.instancePath);
  const at = locate(root, segs, ctx);
  if (!at) return;

  // Problems with a key: unknown key, or an invalid annotation name.
  const badKey =
    e.keyword === 'additionalProperties'
      ? (e.params as { additionalProperty: string }).additionalProperty
      : e.keyword === 'propertyNames'
        ? (e.params as { propertyName: string }).propertyName
        : e.propertyName;
  if (badKey !== undefined) {
    const map = deref(at.node, ctx);
    const pair = isMap(map) ? pairIndex(map, ctx).get(badKey) : undefined;
    const keySegs = [...segs, badKey];
    const shown = keyDisplay(pair?.key, badKey);
    if (e.keyword === 'additionalProperties') {
      const allowed = Object.keys((e.parentSchema as SchemaNode | undefined)?.properties ?? {});
      add(rangeOf(pair?.key), unknownKeyMessage(shown, displayPath(segs), allowed), keySegs);
    } else {
      add(rangeOf(pair?.key), `${q(shown)} is not a valid Kubernetes annotation name`, keySegs);
    }
    return;
  }

  const range = rangeOf(at.node) ?? rangeOf(at.key);
  const path = displayPath(segs);
  if (e.keyword === 'type') {
    // Annotation values that are not strings are reported by the annotation-value-not-string rule.
    if (segs.length > 0 && ANNOTATION_MAPS.has('/' + segs.slice(0, -1).join('/'))) return;
    const t = (e.params as { type: string | string[] }).type;
    add(range, typeMessage(path, segs, Array.isArray(t) ? t : [t], e.data, at.node, ctx), segs);
    return;
  }
  if (e.keyword === 'pattern' && path === 'ingress.path') {
    add(range, '`ingress.path` must start with `/`', segs);
    return;
  }
  add(range, `${q(path || 'values')} ${e.message ?? 'does not fit the schema'}`, segs);
}
