/**
 * Gateway API HTTPRoute `CORS` filter: the generated CRD's OpenAPI validation and CEL rules
 * (docs/reference/controllers.md).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, Scalar } from 'yaml';
import type { GatewayApiTarget } from '../types';
import { nodeRange } from '../parse/parse';
import { getPair } from '../parse/values';
import type { SchemaProblem } from './chart';
import { GATEWAY_API_GROUP } from '../targets/gatewayApi';
import { apiGroup, manifestMeta } from '../targets/manifest';
import { q } from '../util/markdown';
import { add, crdCtx, expectType, maxItems, starAlone, stringItems, unknownFields, valueRange } from './crdShape';
import type { Ctx } from './crdShape';
import type { TextLike } from '../util/pieceText';

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
          add(
            c,
            i.range,
            p,
            `${q(i.value)} does not match the CRD pattern for origins (\`*\`, or \`http(s)://host[:port]\` with an optional leading \`*.\`, no path or trailing slash): the API server rejects the ${c.kind}.`,
          );
        if (seen.has(i.value))
          add(
            c,
            i.range,
            p,
            `${q(i.value)} is listed twice; the list is a set (x-kubernetes-list-type: set): the API server rejects the ${c.kind}.`,
          );
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
          add(
            c,
            i.range,
            `${methods.label}[${i.index}]`,
            `${q(i.value)} is not one of ${GATEWAY_METHODS.map(q).join(', ')} (enum, case-sensitive): the API server rejects the ${c.kind}.`,
          );
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
      else if (!HEADER_NAME_PATTERN.test(i.value))
        add(
          c,
          i.range,
          p,
          `${q(i.value)} is not a header name (CRD pattern \`^[A-Za-z0-9!#$%&'*+\\-.^_\`|~]+$\`): the API server rejects the ${c.kind}.`,
        );
    }
  }
  const max = F('maxAge');
  if (max && expectType(c, max, 'integer')) {
    const n = Number((max.pair.value as Scalar).value);
    if (n < 1) add(c, valueRange(max), max.label, `is ${n}; the CRD requires at least 1 (minimum): the API server rejects the ${c.kind}.`);
    else if (n > INT32_MAX)
      add(c, valueRange(max), max.label, `is ${n}, more than an int32 holds (${INT32_MAX}): the API server rejects the ${c.kind}.`);
  }
}

/** HTTPRoute-level CEL rules: at most one CORS filter per rule; `cors` set iff `type: CORS`. */
export function validateHttpRouteFilters(doc: Document.Parsed): SchemaProblem[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'HTTPRoute' || apiGroup(meta.apiVersion) !== GATEWAY_API_GROUP) return [];
  const c: Ctx = crdCtx('', 'HTTPRoute');
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
        if (cors > 1)
          add(
            c,
            nodeRange(typePair!.value as Node),
            path,
            `is a second CORS filter in this rule: "CORS filter cannot be repeated" (CEL rule), the API server rejects the HTTPRoute.`,
          );
        if (!corsPair)
          add(
            c,
            nodeRange(typePair!.value as Node),
            path,
            'has `type: CORS` but no `cors` block: "filter.cors must be specified for CORS filter.type" (CEL rule), the API server rejects the HTTPRoute.',
          );
      } else if (corsPair && type !== undefined) {
        add(
          c,
          nodeRange(corsPair.key as Node),
          `${path}.cors`,
          `is set on a filter of type ${q(type)}: "filter.cors must be nil if the filter.type is not CORS" (CEL rule), the API server rejects the HTTPRoute.`,
        );
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

/** Shape problems of one HTTPRoute CORS filter. */
export function gatewayApiCrd(text: TextLike, t: GatewayApiTarget): SchemaProblem[] {
  const c = crdCtx(text, 'HTTPRoute');
  gatewayApi(c, t);
  return c.out;
}
