/**
 * Step 3 (Istio): the effective CORS policy of one VirtualService `corsPolicy`, as istiod translates it to
 * Envoy's CORS filter (docs/reference/controllers.md).
 */
import { isMap, isScalar } from 'yaml';
import type { EffectivePolicy, IstioTarget, ManifestField, OriginKind, OriginMatcher } from '../types';
import { atLeast, type ControllerVersion } from '../config/controllers';
import { fieldSeq } from '../targets/manifest';
import { keyText } from '../parse/parse';
import { valueRef } from '../parse/values';
import { re2RegExp } from './re2';
import { seqItems, seqMatcher, setField } from './manifestFields';
import { credentialsOf, effectiveOrigins, listFields, manifestPolicy } from './manifestPolicy';
import { q } from '../util/markdown';

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go time.ParseDuration, in nanoseconds (undefined when invalid). */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0' || s === '+0' || s === '-0') return 0;
  const m = /^([+-]?)(.+)$/.exec(s);
  if (!m || m[2] === '') return undefined;
  const re = /(\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let part: RegExpExecArray | null;
  while (pos < m[2].length && (part = re.exec(m[2]))) {
    total += parseFloat(part[1]) * UNIT_NS[part[2]];
    pos = re.lastIndex;
  }
  if (pos !== m[2].length) return undefined;
  return m[1] === '-' ? -total : total;
}

/** Whether an Envoy string matcher matches the literal string `*` (Envoy then allows every origin). */
function matchesStar(kind: 'exact' | 'prefix' | 'regex', v: string): boolean {
  if (kind === 'exact') return v === '*';
  if (kind === 'prefix') return '*'.startsWith(v);
  return re2RegExp(v, true)?.test('*') ?? false;
}

/**
 * Which origin field istiod reads, by version (docs/reference/controller-versions.md §Istio): 1.5 prefers the
 * deprecated `allowOrigin`, 1.6–1.7 ignore it, 1.8+ read it only when `allowOrigins` is not set.
 */
function istioOrigins(
  target: IstioTarget,
  fields: EffectivePolicy['fields'],
  notes: string[],
  version?: ControllerVersion,
): OriginMatcher[] {
  const originsF = target.fields.get('allowOrigins');
  const legacyF = target.fields.get('allowOrigin');
  const name = version ? `Istio v${version.text}` : 'Istio';
  if (legacyF && version && !atLeast(version, '1.6.0')) {
    if (originsF)
      notes.push(`${name} reads the deprecated allowOrigin and ignores allowOrigins when both are set (allowOrigins wins from 1.8).`);
    return legacyOrigins(target, fields, notes, legacyF);
  }
  if (originsF) {
    if (legacyF) notes.push('allowOrigin (deprecated) is ignored because allowOrigins is set.');
    return allowOrigins(target, fields, notes, originsF);
  }
  if (legacyF && version && !atLeast(version, '1.8.0')) {
    setField(fields, 'origin', legacyF);
    notes.push(`${name} ignores the deprecated allowOrigin (read again from 1.8.0): no origin is allowed.`);
    return [];
  }
  return legacyF ? legacyOrigins(target, fields, notes, legacyF) : [];
}

function allowOrigins(target: IstioTarget, fields: EffectivePolicy['fields'], notes: string[], originsF: ManifestField): OriginMatcher[] {
  const writtenOrigins: OriginMatcher[] = [];
  setField(fields, 'origin', originsF);
  const seq = fieldSeq(originsF);
  seq?.items.forEach((item) => {
    if (!isMap(item)) return;
    for (const pair of item.items) {
      const k = keyText(pair.key);
      if (k !== 'exact' && k !== 'prefix' && k !== 'regex') continue;
      if (!isScalar(pair.value)) continue;
      const value = valueRef(target.text, pair.value, originsF.keyRange.end);
      const field = { keyRange: originsF.keyRange, value, label: `${originsF.label}[].${k}` };
      const v = value.text;
      let kind: OriginKind = k;
      if (matchesStar(k, v)) {
        kind = 'any';
        notes.push(`allowOrigins ${k}: ${q(v)} matches the string \`*\`: Envoy then allows every origin.`);
      } else if (k === 'exact' && v === 'null') kind = 'null';
      writtenOrigins.push(seqMatcher(v, kind, item, seq, field, writtenOrigins.length));
      break;
    }
  });
  return writtenOrigins;
}

function legacyOrigins(target: IstioTarget, fields: EffectivePolicy['fields'], notes: string[], legacyF: ManifestField): OriginMatcher[] {
  const writtenOrigins: OriginMatcher[] = [];
  setField(fields, 'origin', legacyF);
  notes.push('allowOrigin is deprecated: use allowOrigins with `exact`, `prefix` or `regex`.');
  for (const it of seqItems(target.text, legacyF)) {
    const kind: OriginKind = it.value === '*' ? 'any' : it.value === 'null' ? 'null' : 'exact';
    writtenOrigins.push(seqMatcher(it.value, kind, it.node, it.seq, it.field, writtenOrigins.length));
  }
  return writtenOrigins;
}

export function istioPolicy(target: IstioTarget, version?: ControllerVersion): EffectivePolicy {
  const text = target.text;
  const F = (n: string) => target.fields.get(n);
  const notes: string[] = [];
  const fields: EffectivePolicy['fields'] = {};

  const allowCredentials = credentialsOf(
    fields,
    notes,
    F('allowCredentials'),
    'allowCredentials',
    'the API server rejects the VirtualService',
  );
  const writtenOrigins = istioOrigins(target, fields, notes, version);
  const { star, origins } = effectiveOrigins(writtenOrigins);
  if (star && allowCredentials)
    notes.push('Any origin with allowCredentials: Envoy echoes every request Origin with `Access-Control-Allow-Credentials: true`.');
  if (origins.length > 0) notes.push('Envoy always echoes the request Origin (never `*`) and adds no `Vary: Origin`.');
  else notes.push('no origin is allowed: Envoy sends no CORS headers.');

  const lists = listFields(text, fields, { methods: F('allowMethods'), headers: F('allowHeaders'), expose: F('exposeHeaders') });

  const maxF = F('maxAge');
  setField(fields, 'maxAge', maxF);
  let maxAge: number | null = null;
  if (maxF) {
    const ns = parseGoDuration(maxF.value.text.trim());
    if (ns === undefined) notes.push(`maxAge ${q(maxF.value.text)} is not a duration: the API server rejects the VirtualService.`);
    else if (ns < 1e6) notes.push(`maxAge ${q(maxF.value.text)} is below 1ms: the API server rejects the VirtualService.`);
    else if (ns % 1e9 !== 0)
      notes.push(
        `maxAge ${q(maxF.value.text)} is not whole seconds: Istio rejects it ("max_age duration is accurate only to seconds precision").`,
      );
    else maxAge = ns / 1e9;
  } else notes.push('maxAge is not set: Envoy sends no `Access-Control-Max-Age` (browsers cache the preflight for 5 s).');
  if (F('unmatchedPreflights') && version && !atLeast(version, '1.23.0'))
    notes.push(
      `unmatchedPreflights exists since Istio 1.23: Istio v${version.text} does not know it, and preflights from other origins reach the backend.`,
    );

  return manifestPolicy(target, {
    origins,
    writtenOrigins,
    acaoMode: 'echo',
    allowCredentials,
    ...lists,
    maxAge,
    varyOrigin: false,
    fields,
    notes,
  });
}
