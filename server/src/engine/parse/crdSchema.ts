/**
 * Shape checks of the CORS blocks of the CRDs the API server (or istiod / Traefik) would reject, as published
 * (docs/reference/controllers.md):
 *  - Gateway API HTTPRoute `CORS` filter: the generated CRD's OpenAPI validation and CEL rules;
 *  - Istio VirtualService `corsPolicy`: the CRD types plus istiod's `validateCORSPolicy`;
 *  - Traefik Middleware `spec.headers`: the CRD field types and Go `regexp` compilation.
 *
 * Values are read the way the API server reads YAML (YAML 1.1 through sigs.k8s.io/yaml: unquoted `yes` is a
 * boolean, `"true"` a string).
 */
import { isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';
import type { GatewayApiTarget, IstioTarget, ManifestField, Range, Target, TraefikTarget } from '../types';
import { keyText, nodeRange } from './parse';
import { getPair, yaml11PlainType } from './values';
import type { SchemaProblem } from './schema';
import { parseGoDuration } from '../policy/istio';
import { re2Error } from '../policy/re2';
import { GATEWAY_API_GROUP } from '../targets/gatewayApi';
import { apiGroup, manifestMeta } from '../targets/manifest';
import { q } from '../util/markdown';
import { validatePluginTarget } from '../schema/gatewayPlugins';
import { validateHaproxyTarget } from '../schema/haproxyAnnotations';


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

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

interface Ctx {
  text: string;
  out: SchemaProblem[];
  kind: string;
}

function add(c: Ctx, range: Range | undefined, path: string, message: string): void {
  if (!range) return;
  c.out.push({ range, message: `${q(path)} ${message}`, path });
}

function valueRange(f: ManifestField): Range {
  return f.value.range;
}

/** Type check of a field; returns false (and reports) when the type is wrong. */
function expectType(c: Ctx, f: ManifestField, want: K8sType): boolean {
  const got = k8sType(f.pair.value);
  if (got === want || (want === 'number' && got === 'integer')) return true;
  const quoted = (want === 'boolean' || want === 'integer' || want === 'number') && got === 'string' && isScalar(f.pair.value) && (f.pair.value).type !== Scalar.PLAIN;
  add(c, valueRange(f), f.label, `must be ${article(want)}, not ${article(got)}${quoted ? ' (remove the quotes)' : ''}: the API server rejects the ${c.kind}.`);
  return false;
}

interface Item {
  value: string;
  node: Node;
  range: Range;
  index: number;
}

/** Items of a string array field (reports non-string items). */
function stringItems(c: Ctx, f: ManifestField): Item[] | undefined {
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

function maxItems(c: Ctx, f: ManifestField, items: Item[], max: number): void {
  if (items.length > max) add(c, f.keyRange, f.label, `has ${items.length} items; the CRD allows at most ${max} (maxItems).`);
}

function starAlone(c: Ctx, f: ManifestField, items: Item[], what: string): void {
  const star = items.find((i) => i.value === '*');
  if (star && items.length > 1) add(c, star.range, `${f.label}[${star.index}]`, `${q('*')} must be the only ${what} (CEL rule): the API server rejects the ${c.kind}.`);
}

function unknownFields(c: Ctx, block: YAMLMap | undefined, path: string, known: readonly string[]): void {
  for (const it of block?.items ?? []) {
    if (!isPair(it)) continue;
    const k = keyText(it.key);
    if (k === undefined || known.includes(k)) continue;
    add(c, nodeRange(it.key as Node), `${path}.${k}`, `is not a field of the ${c.kind} CRD (${known.map(q).join(', ')}): the API server rejects it or drops it.`);
  }
}

/* ------------------------------------------------------------- Gateway API */

export const GATEWAY_ORIGIN_PATTERN = /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/;
export const HEADER_NAME_PATTERN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
export const GATEWAY_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', '*'];
const GATEWAY_FIELDS = ['allowOrigins', 'allowCredentials', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'maxAge'];
const INT32_MAX = 2147483647;

function gatewayApi(c: Ctx, t: GatewayApiTarget): void {
  unknownFields(c, t.block, t.path, GATEWAY_FIELDS);
  const F = (n: string) => t.fields.get(n);
  const origins = F('allowOrigins');
  if (origins) {
    const items = stringItems(c, origins);
    if (items) {
      maxItems(c, origins, items, 64);
      starAlone(c, origins, items, 'entry of allowOrigins');
      const seen = new Set<string>();
      for (const i of items) {
        const p = `${origins.label}[${i.index}]`;
        if (i.value.length === 0) add(c, i.range, p, `must not be empty (minLength 1): the API server rejects the ${c.kind}.`);
        else if (i.value.length > 253) add(c, i.range, p, `is ${i.value.length} characters long; the CRD allows at most 253 (maxLength).`);
        else if (!GATEWAY_ORIGIN_PATTERN.test(i.value))
          add(c, i.range, p, `${q(i.value)} does not match the CRD pattern for origins (\`*\`, or \`http(s)://host[:port]\` with an optional leading \`*.\`, no path or trailing slash): the API server rejects the ${c.kind}.`);
        if (seen.has(i.value)) add(c, i.range, p, `${q(i.value)} is listed twice; the list is a set (x-kubernetes-list-type: set): the API server rejects the ${c.kind}.`);
        seen.add(i.value);
      }
    }
  }
  const cred = F('allowCredentials');
  if (cred) expectType(c, cred, 'boolean');
  const methods = F('allowMethods');
  if (methods) {
    const items = stringItems(c, methods);
    if (items) {
      maxItems(c, methods, items, 9);
      starAlone(c, methods, items, 'method');
      for (const i of items)
        if (!GATEWAY_METHODS.includes(i.value))
          add(c, i.range, `${methods.label}[${i.index}]`, `${q(i.value)} is not one of ${GATEWAY_METHODS.map(q).join(', ')} (enum, case-sensitive): the API server rejects the ${c.kind}.`);
    }
  }
  for (const name of ['allowHeaders', 'exposeHeaders']) {
    const f = F(name);
    if (!f) continue;
    const items = stringItems(c, f);
    if (!items) continue;
    maxItems(c, f, items, 64);
    if (name === 'allowHeaders') starAlone(c, f, items, 'header');
    for (const i of items) {
      const p = `${f.label}[${i.index}]`;
      if (i.value.length > 256) add(c, i.range, p, `is ${i.value.length} characters long; the CRD allows at most 256 (maxLength).`);
      else if (!HEADER_NAME_PATTERN.test(i.value)) add(c, i.range, p, `${q(i.value)} is not a header name (CRD pattern \`^[A-Za-z0-9!#$%&'*+\\-.^_\`|~]+$\`): the API server rejects the ${c.kind}.`);
    }
  }
  const max = F('maxAge');
  if (max && expectType(c, max, 'integer')) {
    const n = Number((max.pair.value as Scalar).value);
    if (n < 1) add(c, valueRange(max), max.label, `is ${n}; the CRD requires at least 1 (minimum): the API server rejects the ${c.kind}.`);
    else if (n > INT32_MAX) add(c, valueRange(max), max.label, `is ${n}, more than an int32 holds (${INT32_MAX}): the API server rejects the ${c.kind}.`);
  }
}

/** HTTPRoute-level CEL rules: at most one CORS filter per rule; `cors` set iff `type: CORS`. */
export function validateHttpRouteFilters(doc: Document.Parsed): SchemaProblem[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'HTTPRoute' || apiGroup(meta.apiVersion) !== GATEWAY_API_GROUP) return [];
  const c: Ctx = { text: '', out: [], kind: 'HTTPRoute' };
  const seqOf = (m: unknown, k: string) => {
    const p = getPair(m, k);
    return p && isSeq(p.value) ? p.value.items : [];
  };
  const visit = (filters: unknown[], base: string) => {
    let cors = 0;
    filters.forEach((f, j) => {
      if (!isMap(f)) return;
      const typePair = getPair(f, 'type');
      const type = typePair && isScalar(typePair.value) ? String(typePair.value.value) : undefined;
      const corsPair = getPair(f, 'cors');
      const path = `${base}.filters[${j}]`;
      if (type === 'CORS') {
        cors++;
        if (cors > 1) add(c, nodeRange(typePair!.value as Node), path, `is a second CORS filter in this rule: "CORS filter cannot be repeated" (CEL rule), the API server rejects the HTTPRoute.`);
        if (!corsPair) add(c, nodeRange(typePair!.value as Node), path, 'has `type: CORS` but no `cors` block: "filter.cors must be specified for CORS filter.type" (CEL rule), the API server rejects the HTTPRoute.');
      } else if (corsPair && type !== undefined) {
        add(c, nodeRange(corsPair.key as Node), `${path}.cors`, `is set on a filter of type ${q(type)}: "filter.cors must be nil if the filter.type is not CORS" (CEL rule), the API server rejects the HTTPRoute.`);
      }
    });
  };
  const spec = getPair(root, 'spec')?.value;
  seqOf(spec, 'rules').forEach((rule, i) => {
    visit(seqOf(rule, 'filters'), `spec.rules[${i}]`);
    seqOf(rule, 'backendRefs').forEach((ref, k) => visit(seqOf(ref, 'filters'), `spec.rules[${i}].backendRefs[${k}]`));
  });
  return c.out;
}

/* ------------------------------------------------------------------- Istio */

export const ISTIO_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];
const ISTIO_FIELDS = ['allowOrigins', 'allowOrigin', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'maxAge', 'allowCredentials', 'unmatchedPreflights'];
const UNMATCHED = ['UNSPECIFIED', 'FORWARD', 'IGNORE'];

export { re2Error };

function istio(c: Ctx, t: IstioTarget): void {
  unknownFields(c, t.block, t.path, ISTIO_FIELDS);
  const F = (n: string) => t.fields.get(n);
  const origins = F('allowOrigins');
  if (origins && expectType(c, origins, 'array')) {
    (origins.pair.value as YAMLSeq).items.forEach((item, i) => {
      const p = `${origins.label}[${i}]`;
      const r = nodeRange(item as Node);
      if (!isMap(item)) {
        add(c, r, p, `must be a StringMatch object (\`exact:\`, \`prefix:\` or \`regex:\`), not ${article(k8sType(item))}: the API server rejects the ${c.kind}.`);
        return;
      }
      const keys = item.items.filter(isPair).map((x) => keyText(x.key) ?? '');
      const kinds = keys.filter((k) => k === 'exact' || k === 'prefix' || k === 'regex');
      for (const x of item.items) {
        const k = keyText(x.key);
        if (k !== undefined && !['exact', 'prefix', 'regex'].includes(k)) add(c, nodeRange(x.key as Node), `${p}.${k}`, 'is not a StringMatch field (`exact`, `prefix`, `regex`): the API server drops or rejects it.');
      }
      if (kinds.length === 0) add(c, r, p, `sets none of \`exact\`, \`prefix\`, \`regex\`: Istio rejects an empty origin match.`);
      else if (kinds.length > 1) {
        const second = item.items.filter(isPair).filter((x) => ['exact', 'prefix', 'regex'].includes(keyText(x.key) ?? ''))[1];
        add(c, nodeRange(second.key as Node), p, `sets ${kinds.map(q).join(' and ')}; a StringMatch is exactly one of them (oneof): the API server rejects the ${c.kind}.`);
      }
      for (const x of item.items) {
        const k = keyText(x.key);
        if (k !== 'exact' && k !== 'prefix' && k !== 'regex') continue;
        const vr = nodeRange(x.value as Node) ?? nodeRange(x.key as Node);
        const ty = k8sType(x.value);
        if (ty !== 'string') {
          add(c, vr, `${p}.${k}`, `must be a string, not ${article(ty)}.`);
          continue;
        }
        const v = String((x.value as Scalar).value);
        if (v === '') add(c, vr, `${p}.${k}`, `is empty: Istio rejects empty origin matches.`);
        else if (k === 'regex') {
          const err = re2Error(v);
          if (err) add(c, vr, `${p}.regex`, `${q(v)} does not compile (${err}): Istio rejects the ${c.kind}.`);
        }
      }
    });
  }
  const legacy = F('allowOrigin');
  if (legacy) stringItems(c, legacy);
  const methods = F('allowMethods');
  if (methods) {
    const items = stringItems(c, methods);
    for (const i of items ?? []) {
      if (ISTIO_METHODS.includes(i.value)) continue;
      const upper = ISTIO_METHODS.includes(i.value.toUpperCase()) ? ` (write ${q(i.value.toUpperCase())}: the check is case-sensitive)` : '';
      add(c, i.range, `${methods.label}[${i.index}]`, `${q(i.value)} is not one of ${ISTIO_METHODS.map(q).join(', ')}${upper}: Istio rejects the ${c.kind}.`);
    }
  }
  for (const name of ['allowHeaders', 'exposeHeaders']) {
    const f = F(name);
    if (!f) continue;
    for (const i of stringItems(c, f) ?? []) if (i.value.trim() === '') add(c, i.range, `${f.label}[${i.index}]`, `is empty: Istio rejects empty header names.`);
  }
  const max = F('maxAge');
  if (max && k8sType(max.pair.value) === 'integer')
    add(c, valueRange(max), max.label, `${q(max.value.text)} is a number, not a duration string: write ${q(max.value.text + 's')}. The API server rejects the ${c.kind}.`);
  else if (max && expectType(c, max, 'string')) {
    const s = String((max.pair.value as Scalar).value).trim();
    const ns = parseGoDuration(s);
    if (ns === undefined) add(c, valueRange(max), max.label, `${q(s)} is not a duration (e.g. \`24h\`, \`3600s\`): the API server rejects the ${c.kind}.`);
    else if (ns < 1e6) add(c, valueRange(max), max.label, `${q(s)} is below 1ms (CEL \`duration(self) >= duration('1ms')\`): the API server rejects the ${c.kind}.`);
    else if (ns % 1e9 !== 0) add(c, valueRange(max), max.label, `${q(s)} is not whole seconds: Istio rejects it ("max_age duration is accurate only to seconds precision").`);
  }
  const cred = F('allowCredentials');
  if (cred) expectType(c, cred, 'boolean');
  const un = F('unmatchedPreflights');
  if (un && expectType(c, un, 'string')) {
    const v = String((un.pair.value as Scalar).value);
    if (!UNMATCHED.includes(v)) add(c, valueRange(un), un.label, `${q(v)} is not one of ${UNMATCHED.map(q).join(', ')}: the API server rejects the ${c.kind}.`);
  }
}

/* ----------------------------------------------------------------- Traefik */

const TRAEFIK_BOOL = ['accessControlAllowCredentials', 'addVaryHeader'];
const TRAEFIK_LISTS = ['accessControlAllowHeaders', 'accessControlAllowMethods', 'accessControlAllowOriginList', 'accessControlAllowOriginListRegex', 'accessControlExposeHeaders'];

function traefik(c: Ctx, t: TraefikTarget): void {
  for (const name of TRAEFIK_BOOL) {
    const f = t.fields.get(name);
    if (f) expectType(c, f, 'boolean');
  }
  for (const name of TRAEFIK_LISTS) {
    const f = t.fields.get(name);
    if (!f) continue;
    const items = stringItems(c, f);
    if (name !== 'accessControlAllowOriginListRegex') continue;
    for (const i of items ?? []) {
      const err = re2Error(i.value);
      if (err) add(c, i.range, `${f.label}[${i.index}]`, `${q(i.value)} does not compile as a Go regexp (${err}): Traefik cannot build the middleware.`);
    }
  }
  const max = t.fields.get('accessControlMaxAge');
  if (max) expectType(c, max, 'integer');
}

/** Shape problems of one CORS target of a CRD (none for ingress-nginx targets: see parse/schema.ts). */
export function validateCrdTarget(text: string, target: Target): SchemaProblem[] {
  switch (target.kind) {
    case 'gateway-api': {
      const c: Ctx = { text, out: [], kind: 'HTTPRoute' };
      gatewayApi(c, target);
      return c.out;
    }
    case 'istio': {
      const c: Ctx = { text, out: [], kind: 'VirtualService' };
      istio(c, target);
      return c.out;
    }
    case 'traefik': {
      // Labels are strings by construction: Traefik parses them itself (no CRD schema to apply).
      if (target.labelsRange) return [];
      const c: Ctx = { text, out: [], kind: 'Middleware' };
      traefik(c, target);
      return c.out;
    }
    case 'kong':
    case 'apisix':
      return validatePluginTarget(target);
    case 'haproxy-ingress':
    case 'haproxy':
      return validateHaproxyTarget(target);
    default:
      return [];
  }
}
