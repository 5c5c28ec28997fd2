/** Istio VirtualService `corsPolicy`: the CRD types plus istiod's `validateCORSPolicy` (docs/reference/controllers.md). */
import { isMap, isPair } from 'yaml';
import type { Node, Scalar, YAMLSeq } from 'yaml';
import type { IstioTarget, ManifestField } from '../types';
import { keyText, nodeRange } from '../parse/parse';
import type { SchemaProblem } from './chart';
import { parseGoDuration } from '../policy/istio';
import { re2Error } from '../policy/re2';
import { q } from '../util/markdown';
import { add, article, crdCtx, expectType, k8sType, stringItems, unknownFields, valueRange } from './crdShape';
import type { Ctx } from './crdShape';
import type { TextLike } from '../util/pieceText';

export const ISTIO_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];
const ISTIO_FIELDS = [
  'allowOrigins',
  'allowOrigin',
  'allowMethods',
  'allowHeaders',
  'exposeHeaders',
  'maxAge',
  'allowCredentials',
  'unmatchedPreflights',
];
const UNMATCHED = ['UNSPECIFIED', 'FORWARD', 'IGNORE'];

/** `allowOrigins`: a list of StringMatch objects, each exactly one of `exact`, `prefix`, `regex` (a non-empty string; regexes RE2). */
function istioOrigins(c: Ctx, origins: ManifestField): void {
  if (expectType(c, origins, 'array')) {
    (origins.pair.value as YAMLSeq).items.forEach((item, i) => {
      const p = `${origins.label}[${i}]`;
      const r = nodeRange(item as Node);
      if (!isMap(item)) {
        add(
          c,
          r,
          p,
          `must be a StringMatch object (\`exact:\`, \`prefix:\` or \`regex:\`), not ${article(k8sType(item))}: the API server rejects the ${c.kind}.`,
        );
        return;
      }
      const keys = item.items.filter(isPair).map((x) => keyText(x.key) ?? '');
      const kinds = keys.filter((k) => k === 'exact' || k === 'prefix' || k === 'regex');
      for (const x of item.items) {
        const k = keyText(x.key);
        if (k !== undefined && !['exact', 'prefix', 'regex'].includes(k))
          add(
            c,
            nodeRange(x.key as Node),
            `${p}.${k}`,
            'is not a StringMatch field (`exact`, `prefix`, `regex`): the API server drops or rejects it.',
          );
      }
      if (kinds.length === 0) add(c, r, p, `sets none of \`exact\`, \`prefix\`, \`regex\`: Istio rejects an empty origin match.`);
      else if (kinds.length > 1) {
        const second = item.items.filter(isPair).filter((x) => ['exact', 'prefix', 'regex'].includes(keyText(x.key) ?? ''))[1];
        add(
          c,
          nodeRange(second.key as Node),
          p,
          `sets ${kinds.map(q).join(' and ')}; a StringMatch is exactly one of them (oneof): the API server rejects the ${c.kind}.`,
        );
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
}

/** `maxAge`: a Go duration string of whole seconds, at least 1ms (a bare number is the usual mistake). */
function istioMaxAge(c: Ctx, max: ManifestField): void {
  if (k8sType(max.pair.value) === 'integer')
    add(
      c,
      valueRange(max),
      max.label,
      `${q(max.value.text)} is a number, not a duration string: write ${q(max.value.text + 's')}. The API server rejects the ${c.kind}.`,
    );
  else if (expectType(c, max, 'string')) {
    const s = String((max.pair.value as Scalar).value).trim();
    const ns = parseGoDuration(s);
    if (ns === undefined)
      add(c, valueRange(max), max.label, `${q(s)} is not a duration (e.g. \`24h\`, \`3600s\`): the API server rejects the ${c.kind}.`);
    else if (ns < 1e6)
      add(
        c,
        valueRange(max),
        max.label,
        `${q(s)} is below 1ms (CEL \`duration(self) >= duration('1ms')\`): the API server rejects the ${c.kind}.`,
      );
    else if (ns % 1e9 !== 0)
      add(
        c,
        valueRange(max),
        max.label,
        `${q(s)} is not whole seconds: Istio rejects it ("max_age duration is accurate only to seconds precision").`,
      );
  }
}

function istio(c: Ctx, t: IstioTarget): void {
  unknownFields(c, t.block, t.path, ISTIO_FIELDS);
  const F = (n: string) => t.fields.get(n);
  const origins = F('allowOrigins');
  if (origins) istioOrigins(c, origins);
  const legacy = F('allowOrigin');
  if (legacy) stringItems(c, legacy);
  const methods = F('allowMethods');
  if (methods) {
    const items = stringItems(c, methods);
    for (const i of items ?? []) {
      if (ISTIO_METHODS.includes(i.value)) continue;
      const upper = ISTIO_METHODS.includes(i.value.toUpperCase())
        ? ` (write ${q(i.value.toUpperCase())}: the check is case-sensitive)`
        : '';
      add(
        c,
        i.range,
        `${methods.label}[${i.index}]`,
        `${q(i.value)} is not one of ${ISTIO_METHODS.map(q).join(', ')}${upper}: Istio rejects the ${c.kind}.`,
      );
    }
  }
  for (const name of ['allowHeaders', 'exposeHeaders']) {
    const f = F(name);
    if (!f) continue;
    for (const i of stringItems(c, f) ?? [])
      if (i.value.trim() === '') add(c, i.range, `${f.label}[${i.index}]`, `is empty: Istio rejects empty header names.`);
  }
  const max = F('maxAge');
  if (max) istioMaxAge(c, max);
  const cred = F('allowCredentials');
  if (cred) expectType(c, cred, 'boolean');
  const un = F('unmatchedPreflights');
  if (un && expectType(c, un, 'string')) {
    const v = String((un.pair.value as Scalar).value);
    if (!UNMATCHED.includes(v))
      add(c, valueRange(un), un.label, `${q(v)} is not one of ${UNMATCHED.map(q).join(', ')}: the API server rejects the ${c.kind}.`);
  }
}

/** Shape problems of one VirtualService `corsPolicy`. */
export function istioCrd(text: TextLike, t: IstioTarget): SchemaProblem[] {
  const c = crdCtx(text, 'VirtualService');
  istio(c, t);
  return c.out;
}
