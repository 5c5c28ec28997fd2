/**
 * Shape checks of the CORS blocks of Envoy Gateway's SecurityPolicy, Contour's HTTPProxy and Emissary's
 * Mapping/Module, as their CRDs (and Contour's own translation) reject them. Sources:
 * docs/reference/envoy-gateway.md, contour.md, emissary.md.
 */
import type { Scalar } from 'yaml';
import type { ContourTarget, EmissaryTarget, EnvoyGatewayTarget, ManifestField } from '../types';
import type { SchemaProblem } from './chart';
import { add, crdCtx, expectType, k8sType, stringItems, unknownFields, type Ctx } from './crdShape';
import { re2Error } from '../policy/re2';
import { ENVOY_GATEWAY_DURATION } from '../policy/envoyGateway';
import { q } from '../util/markdown';
import type { TextLike } from '../util/pieceText';

/** Envoy Gateway v1.9.0 `Origin` pattern (v1.0–v1.8 accepted only http/https). */
export const ENVOY_GATEWAY_ORIGIN = /^(\*|[A-Za-z][A-Za-z0-9+.-]*:\/\/(\*|(\*\.)?(([\w-]+\.?)+)?[\w-]+)(:\d{1,5})?)$/;
const EG_FIELDS = ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'maxAge', 'allowCredentials'];

function envoyGateway(c: Ctx, t: EnvoyGatewayTarget): void {
  unknownFields(c, t.block, t.path, EG_FIELDS);
  const F = (n: string) => t.fields.get(n);
  const origins = F('allowOrigins');
  for (const i of (origins && stringItems(c, origins)) ?? []) {
    const p = `${origins!.label}[${i.index}]`;
    if (i.value.length === 0) add(c, i.range, p, `must not be empty (minLength 1): the API server rejects the ${c.kind}.`);
    else if (i.value.length > 253) add(c, i.range, p, `is ${i.value.length} characters long; the CRD allows at most 253 (maxLength).`);
    else if (!ENVOY_GATEWAY_ORIGIN.test(i.value))
      add(
        c,
        i.range,
        p,
        `${q(i.value)} does not match the CRD pattern (\`*\`, or \`scheme://host[:port]\` with an optional leading \`*.\`, no path or trailing slash): the API server rejects the ${c.kind}.`,
      );
  }
  for (const name of ['allowMethods', 'allowHeaders', 'exposeHeaders']) {
    const f = F(name);
    if (f) stringItems(c, f);
  }
  const cred = F('allowCredentials');
  if (cred) expectType(c, cred, 'boolean');
  const max = F('maxAge');
  if (max && expectType(c, max, 'string')) {
    const s = String((max.pair.value as Scalar).value);
    if (!ENVOY_GATEWAY_DURATION.test(s))
      add(
        c,
        max.value.range,
        max.label,
        `${q(s)} is not a duration like \`600s\` or \`1h\` (CRD pattern \`^([0-9]{1,5}(h|m|s|ms)){1,4}$\`): the API server rejects the ${c.kind}.`,
      );
  }
}

const CONTOUR_FIELDS = [
  'allowOrigin',
  'allowCredentials',
  'allowMethods',
  'allowHeaders',
  'exposeHeaders',
  'maxAge',
  'allowPrivateNetwork',
];
const CORS_HEADER_VALUE = /^[a-zA-Z0-9!#$%&'*+.^_`|~-]+$/;
const CONTOUR_DURATION =
  /^(((\d*(\.\d*)?h)|(\d*(\.\d*)?m)|(\d*(\.\d*)?s)|(\d*(\.\d*)?ms)|(\d*(\.\d*)?us)|(\d*(\.\d*)?\u00b5s)|(\d*(\.\d*)?ns))+|0)$/;

function minOne(c: Ctx, f: ManifestField, n: number): void {
  if (n === 0) add(c, f.value.range, f.label, `must have at least one item (minItems 1): the API server rejects the ${c.kind}.`);
}

function contour(c: Ctx, t: ContourTarget): void {
  unknownFields(c, t.block, t.path, CONTOUR_FIELDS);
  const F = (n: string) => t.fields.get(n);
  if (t.block)
    for (const req of ['allowOrigin', 'allowMethods'])
      if (!F(req)) add(c, t.anchor, t.path, `has no ${q(req)}, a required field: the API server rejects the ${c.kind}.`);
  const origins = F('allowOrigin');
  const items = origins ? stringItems(c, origins) : undefined;
  if (origins && items) {
    minOne(c, origins, items.length);
    for (const i of items) {
      if (i.value === '*' || /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+$/.test(i.value)) continue;
      const err = re2Error(i.value);
      if (err)
        add(
          c,
          i.range,
          `${origins.label}[${i.index}]`,
          `${q(i.value)} is not an exact origin and does not compile as a Go regex (${err}): Contour marks the ${c.kind} invalid.`,
        );
    }
  }
  for (const name of ['allowMethods', 'allowHeaders', 'exposeHeaders']) {
    const f = F(name);
    const list = f ? stringItems(c, f) : undefined;
    if (!f || !list) continue;
    minOne(c, f, list.length);
    for (const i of list)
      if (!CORS_HEADER_VALUE.test(i.value))
        add(
          c,
          i.range,
          `${f.label}[${i.index}]`,
          `${q(i.value)} is not one token (no spaces or commas; CRD pattern): the API server rejects the ${c.kind}.`,
        );
  }
  for (const name of ['allowCredentials', 'allowPrivateNetwork']) {
    const f = F(name);
    if (f) expectType(c, f, 'boolean');
  }
  const max = F('maxAge');
  if (max && expectType(c, max, 'string')) {
    const s = String((max.pair.value as Scalar).value);
    if (!CONTOUR_DURATION.test(s))
      add(
        c,
        max.value.range,
        max.label,
        `${q(s)} is not a positive Go duration like \`10m\` (CRD pattern): the API server rejects the ${c.kind}.`,
      );
  }
}

const EMISSARY_FIELDS = ['origins', 'methods', 'headers', 'credentials', 'exposed_headers', 'max_age', 'v2CommaSeparatedOrigins'];

function emissary(c: Ctx, t: EmissaryTarget): void {
  unknownFields(c, t.block, t.path, EMISSARY_FIELDS);
  const v2 = t.apiVersion.endsWith('/v2');
  for (const name of ['origins', 'methods', 'headers', 'exposed_headers']) {
    const f = t.fields.get(name);
    if (!f) continue;
    // getambassador.io/v2 also takes a comma-separated string; v3alpha1 only a list.
    if (v2 && k8sType(f.pair.value) === 'string') continue;
    stringItems(c, f);
  }
  const cred = t.fields.get('credentials');
  if (cred) expectType(c, cred, 'boolean');
  const max = t.fields.get('max_age');
  if (max && k8sType(max.pair.value) === 'integer')
    add(
      c,
      max.value.range,
      max.label,
      `must be a string, not an integer: write ${q(`"${max.value.text}"`)}. The API server rejects the ${c.kind}.`,
    );
  else if (max) expectType(c, max, 'string');
}

/** Shape problems of an Envoy Gateway SecurityPolicy's `spec.cors`. */
export function envoyGatewayCrd(text: TextLike, t: EnvoyGatewayTarget): SchemaProblem[] {
  const c = crdCtx(text, 'SecurityPolicy');
  envoyGateway(c, t);
  return c.out;
}

/** Shape problems of a Contour HTTPProxy's `spec.virtualhost.corsPolicy`. */
export function contourCrd(text: TextLike, t: ContourTarget): SchemaProblem[] {
  const c = crdCtx(text, 'HTTPProxy');
  contour(c, t);
  return c.out;
}

/** Shape problems of an Emissary Mapping's or Module's `cors`. */
export function emissaryCrd(text: TextLike, t: EmissaryTarget): SchemaProblem[] {
  const c = crdCtx(text, t.source.split('/')[0]);
  emissary(c, t);
  return c.out;
}
