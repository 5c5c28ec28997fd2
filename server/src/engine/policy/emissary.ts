/**
 * Step 3 (Emissary-ingress): the effective policy of a Mapping `spec.cors` or of the `ambassador` Module's
 * `spec.config.cors` (docs/reference/emissary.md). Origins are exact, case-sensitive matches (`*` allows every
 * origin); lists are joined with `, `; `max_age` is sent verbatim, so only a number of seconds means anything to a
 * browser. A Mapping's `cors` replaces the Module's as a whole: no field is inherited.
 */
import { isScalar, isSeq } from 'yaml';
import type { EffectivePolicy, EmissaryTarget, ManifestField, OriginMatcher } from '../types';
import { makeMatcher } from './origins';
import { entryRange } from './ingressNginx';
import { seqItems, seqMatcher, setField } from './manifestFields';
import { envoyBool, envoyPolicy } from './envoyFamily';
import { q } from '../util/markdown';
import type { TextLike } from '../util/pieceText';

/** A list field: a YAML sequence (v3alpha1, joined with `, `), or a string (getambassador.io/v2). */
function listValues(text: TextLike, f: ManifestField | undefined): string[] {
  if (!f) return [];
  if (isSeq(f.pair.value)) return seqItems(text, f).map((i) => i.value);
  // A string is sent verbatim (ircors `_cors_normalize` joins lists only).
  if (isScalar(f.pair.value) && typeof f.pair.value.value === 'string') return [f.value.text];
  return [];
}

function originsOf(target: EmissaryTarget, notes: string[]): OriginMatcher[] {
  const f = target.fields.get('origins');
  const out: OriginMatcher[] = [];
  const kindOf = (v: string): OriginMatcher['kind'] => (v === '*' ? 'any' : v === 'null' ? 'null' : 'exact');
  const wild = (v: string) => {
    if (v !== '*' && v.includes('*'))
      notes.push(`${q(v)} is compared character for character: Emissary has no wildcard origins, so no browser Origin matches it.`);
  };
  if (!f) return out;
  if (isSeq(f.pair.value)) {
    for (const it of seqItems(target.text, f)) {
      wild(it.value);
      out.push(seqMatcher(it.value, kindOf(it.value), it.node, it.seq, it.field, out.length));
    }
    return out;
  }
  if (!isScalar(f.pair.value) || typeof f.pair.value.value !== 'string') return out;
  let offset = 0;
  for (const raw of f.value.text.split(',')) {
    const v = raw.trim();
    const at = offset + raw.indexOf(v);
    offset += raw.length + 1;
    if (v === '') continue;
    wild(v);
    const m = makeMatcher(v, entryRange(f, at, v.length), out.length, f, kindOf(v));
    m.container = 'comma-list';
    out.push(m);
  }
  return out;
}

function maxAgeOf(target: EmissaryTarget, fields: EffectivePolicy['fields'], notes: string[]): number | null {
  const f = target.fields.get('max_age');
  setField(fields, 'maxAge', f);
  if (!f) {
    notes.push('max_age is not set: Envoy sends no `Access-Control-Max-Age` (browsers cache the preflight for 5 s).');
    return null;
  }
  const s = f.value.text.trim();
  if (!f.value.isString) {
    notes.push(
      `max_age ${q(f.value.text)} is not a string: the API server rejects the ${target.source.split('/')[0]} (write ${q(`"${s}"`)}).`,
    );
    return null;
  }
  if (!/^\d+$/.test(s)) {
    notes.push(
      `max_age ${q(s)} is sent verbatim as \`Access-Control-Max-Age: ${s}\`, which browsers ignore (they cache the preflight for 5 s): write seconds, e.g. \`"3600"\`.`,
    );
    return null;
  }
  return Number(s);
}

export function emissaryPolicy(target: EmissaryTarget): EffectivePolicy {
  const notes: string[] = [];
  const fields: EffectivePolicy['fields'] = {};
  const F = (n: string) => target.fields.get(n);
  setField(fields, 'origin', F('origins'));
  setField(fields, 'methods', F('methods'));
  setField(fields, 'headers', F('headers'));
  setField(fields, 'expose', F('exposed_headers'));
  const allowCredentials = envoyBool(target, 'credentials', fields, notes, target.source.split('/')[0]);
  const written = originsOf(target, notes);
  if (target.path === 'spec.cors')
    notes.push(
      "This Mapping's cors replaces the `ambassador` Module's cors as a whole: fields it does not set are not taken from the Module.",
    );
  else
    notes.push('The default for every Mapping without its own cors; a Mapping with cors replaces it as a whole (no field-by-field merge).');
  return envoyPolicy('emissary', target, {
    origins: written,
    writtenOrigins: written,
    allowCredentials,
    allowMethods: listValues(target.text, F('methods')).join(', '),
    allowHeaders: listValues(target.text, F('headers')).join(', '),
    exposeHeaders: listValues(target.text, F('exposed_headers')).join(', '),
    maxAge: maxAgeOf(target, fields, notes),
    fields,
    notes,
    literal: true,
  });
}
