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
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as generated from '../generated/validators';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import schema from '../../../../schemas/vcluster-platform-values.schema.json';
import { q } from '../util/markdown';
import { MAX_ALIAS_EXPANSIONS, deref, expansions, keyString, pairIndex, shallow, toHelm, type Ctx } from './helmYaml';
import {
  ANNOTATION_MAPS,
  displayPath,
  keyDisplay,
  locate,
  pointerSegs,
  rangeOf,
  typeMessage,
  unknownKeyMessage,
  type Seg,
} from './chartLocate';

export interface SchemaProblem {
  range: { start: number; end: number };
  message: string;
  /** Where the problem is, e.g. `ingress.tls.enabled` or `ingress.annotations["bad key!"]`. */
  path: string;
  /** The key the message suggests ("did you mean"), when `range` is a plain key that can be renamed to it. */
  rename?: string;
  /**
   * 'annotation': an annotation value the controller ignores; 'plugin': a gateway plugin configuration the gateway
   * refuses (no API-server rejection in either case).
   */
  messageId?: 'annotation' | 'plugin';
}

/** Most alias expansions one top-level value may need before it is left unchecked. */

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

/** Precompiled at build time by scripts/gen-validators.mjs (allErrors, strict: false). */
function getValidator(): ValidateFunction {
  return (generated as unknown as { validateValues: ValidateFunction }).validateValues;
}

/** Whether the schema looks inside values of this property (else only the value's type is checked). */
function isDeep(s: SchemaNode | undefined): boolean {
  return (
    !!s && (s.properties !== undefined || s.additionalProperties !== undefined || s.propertyNames !== undefined || s.items !== undefined)
  );
}

/* ------------------------------------------------------------------ check */

/** `aliasFree`: the parse walk found no alias in `doc` (ParsedDocument.aliasFree), so no expansion is counted. */
export function validateValuesSchema(root: YAMLMap, doc: Document.Parsed, aliasFree = false): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const add = (range: { start: number; end: number } | undefined, message: string, segs: Seg[], rename?: string): void => {
    if (!range) return;
    const id = `${range.start}:${range.end}`;
    if (seen.has(id)) return;
    seen.add(id);
    problems.push({ range, message, path: displayPath(segs), ...(rename ? { rename } : {}) });
  };
  try {
    check(root, doc, add, aliasFree);
  } catch {
    // Never throw into the rule runner (e.g. a stack overflow on absurdly deep nesting): keep what we have.
  }
  return problems.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

type Add = (range: { start: number; end: number } | undefined, message: string, segs: Seg[], rename?: string) => void;

interface RootProperty {
  name: string;
  deep: boolean;
  /** Position in the schema (the order the values are handed to the validator). */
  order: number;
}
let rootProps: Map<string, RootProperty> | undefined;
/** The schema's top-level properties by name, and whether the schema looks inside each (computed once). */
function rootProperties(): Map<string, RootProperty> {
  return (rootProps ??= new Map(
    Object.entries(ROOT_SCHEMA.properties ?? {}).map(([name, sub], order) => [name, { name, deep: isDeep(sub), order }]),
  ));
}

/** The document's top-level keys the schema describes, in the schema's order (a values file sets few of them). */
function describedKeys(top: Map<string, Pair>): RootProperty[] {
  const props = rootProperties();
  const out: RootProperty[] = [];
  for (const k of top.keys()) {
    const p = props.get(k);
    if (p) out.push(p);
  }
  return out.sort((a, b) => a.order - b.order);
}

function check(root: YAMLMap, doc: Document.Parsed, add: Add, noAliases: boolean): void {
  const ctx: Ctx = { doc, expansions: new Map(), pairIndex: new Map(), sawCycle: false, cyclic: new Set(), badMerges: [] };
  // Only the schema's top-level property names are set.
  const data: Record<string, unknown> = {};
  const top = pairIndex(root, ctx);
  for (const { name, deep } of describedKeys(top)) {
    const pair = top.get(name)!;
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
    add(
      rangeOf(pair.value) ?? rangeOf(pair.key),
      '`<<` (merge key) needs a mapping or a list of mappings; Helm fails to read this file',
      segs,
    );
  }

  const validate = getValidator();
  if (validate(data)) return;
  for (const e of validate.errors ?? []) report(e, root, ctx, add, data);
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
        if (!next && expansions(item, ctx, new Set()) > MAX_ALIAS_EXPANSIONS)
          next = { node: item, key: undefined, segs: [...cur.segs, String(i)] };
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

/** The value at a JSON pointer inside `doc`; undefined when there is none. */
function atPointer(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const seg of pointerSegs(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
  }
  return cur;
}

function report(e: ErrorObject, root: YAMLMap, ctx: Ctx, add: Add, data: unknown): void {
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
      // The schema object holding `additionalProperties` (the validators are built without ajv's `verbose`).
      const parent = atPointer(schema, e.schemaPath.slice(1).replace(/\/[^/]*$/, '')) as SchemaNode | undefined;
      const allowed = Object.keys(parent?.properties ?? {});
      const { message, suggest } = unknownKeyMessage(shown, displayPath(segs), allowed);
      // Offered as a rename when the key is written plainly and the map does not have the suggested key already.
      const plain = isScalar(pair?.key) && pair.key.type === 'PLAIN' && !(isMap(map) && pairIndex(map, ctx).has(suggest ?? ''));
      add(rangeOf(pair?.key), message, keySegs, plain ? suggest : undefined);
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
    add(range, typeMessage(path, segs, Array.isArray(t) ? t : [t], atPointer(data, e.instancePath), at.node, ctx), segs);
    return;
  }
  if (e.keyword === 'pattern' && path === 'ingress.path') {
    add(range, '`ingress.path` must start with `/`', segs);
    return;
  }
  add(range, `${q(path || 'values')} ${e.message ?? 'does not fit the schema'}`, segs);
}
