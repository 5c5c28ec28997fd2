/**
 * Step 3 (Contour): the effective policy of an HTTPProxy `spec.virtualhost.corsPolicy`, as Contour translates it
 * for Envoy (docs/reference/contour.md): `*` allows every origin; an entry that is exactly `scheme://host[:port]`
 * is an exact, case-insensitive match; anything else is a Go regex matched against the whole Origin,
 * case-sensitively. A regex that does not compile, or a negative maxAge, invalidates the whole HTTPProxy.
 */
import type { EffectivePolicy, ContourTarget, OriginMatcher } from '../types';
import { seqItems, seqMatcher, setField } from './manifestFields';
import { re2Error } from './re2';
import { envoyBool, envoyPolicy, goDuration } from './envoyFamily';
import { q } from '../util/markdown';

/** What Go's url.Parse gives back unchanged as `scheme://host[:port]` (the scheme must already be lower case). */
const CONTOUR_EXACT = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@\s\\:[\]]+|\[[0-9a-fA-F:.]+\])(:[0-9]*)?$/;

function origins(target: ContourTarget, notes: string[]): { written: OriginMatcher[]; valid: boolean } {
  const f = target.fields.get('allowOrigin');
  const written: OriginMatcher[] = [];
  let valid = true;
  if (!f) {
    notes.push('allowOrigin is required: the API server rejects the HTTPProxy.');
    return { written, valid: false };
  }
  for (const it of seqItems(target.text, f)) {
    const v = it.value;
    const kind: OriginMatcher['kind'] = v === '*' ? 'any' : CONTOUR_EXACT.test(v) ? 'exact' : v === 'null' ? 'null' : 'regex';
    if (kind === 'exact' && v.includes('*'))
      notes.push(`${q(v)} is an exact origin to Contour (a literal \`*\`, not a wildcard): no browser Origin matches it.`);
    if (kind === 'regex') {
      const err = re2Error(v);
      if (err) {
        notes.push(
          `allowOrigin ${q(v)} is neither an exact origin nor a Go regex (${err}): Contour marks the HTTPProxy invalid and serves none of its routes.`,
        );
        valid = false;
      } else
        notes.push(
          `${q(v)} is not exactly \`scheme://host[:port]\`: Contour uses it as a regex that must match the whole Origin, case-sensitively.`,
        );
    }
    // Exact entries compare case-insensitively (ignore_case): kept lower-cased, then compared as written.
    written.push(seqMatcher(kind === 'exact' ? v.toLowerCase() : v, kind, it.node, it.seq, it.field, written.length));
  }
  if (written.length === 0) {
    notes.push('allowOrigin is empty: Contour marks the HTTPProxy invalid ("invalid allowed origin configuration with length 0").');
    valid = false;
  }
  return { written, valid };
}

function maxAgeOf(target: ContourTarget, fields: EffectivePolicy['fields'], notes: string[]): { maxAge: number | null; valid: boolean } {
  const f = target.fields.get('maxAge');
  setField(fields, 'maxAge', f);
  if (!f || f.value.text.trim() === '') {
    notes.push('maxAge is not set: Envoy sends no `Access-Control-Max-Age` (browsers cache the preflight for 5 s).');
    return { maxAge: null, valid: true };
  }
  const s = f.value.text.trim();
  const ns = f.value.isString ? goDuration(s) : undefined;
  if (ns === undefined) {
    notes.push(`maxAge ${q(f.value.text)} is not a Go duration string like \`10m\`: the API server rejects the HTTPProxy.`);
    return { maxAge: null, valid: true };
  }
  if (ns < 0) {
    notes.push(`maxAge ${q(s)} is negative: the CRD pattern rejects it, and Contour itself refuses it ("invalid max age value").`);
    return { maxAge: null, valid: false };
  }
  const seconds = Math.round(ns / 1e9);
  if (!/^\d+s$/.test(s) && s !== '0') notes.push(`maxAge ${q(s)} is sent as \`Access-Control-Max-Age: ${seconds}\` (seconds, rounded).`);
  return { maxAge: seconds, valid: true };
}

export function contourPolicy(target: ContourTarget): EffectivePolicy {
  const notes: string[] = [];
  const fields: EffectivePolicy['fields'] = {};
  const F = (n: string) => target.fields.get(n);
  setField(fields, 'origin', F('allowOrigin'));
  setField(fields, 'methods', F('allowMethods'));
  setField(fields, 'headers', F('allowHeaders'));
  setField(fields, 'expose', F('exposeHeaders'));
  const allowCredentials = envoyBool(target, 'allowCredentials', fields, notes, 'HTTPProxy');
  const o = origins(target, notes);
  if (!F('allowMethods')) notes.push('allowMethods is required: the API server rejects the HTTPProxy.');
  const age = maxAgeOf(target, fields, notes);
  const list = (n: string) =>
    seqItems(target.text, F(n))
      .map((i) => i.value)
      .join(',');
  return envoyPolicy('contour', target, {
    origins: o.written,
    writtenOrigins: o.written,
    allowCredentials,
    allowMethods: list('allowMethods'),
    allowHeaders: list('allowHeaders'),
    exposeHeaders: list('exposeHeaders'),
    maxAge: age.maxAge,
    fields,
    notes,
    literal: true,
    valid: o.valid && age.valid && !!F('allowMethods'),
  });
}
