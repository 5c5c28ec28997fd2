/**
 * The overlay step: hand-written CORS headers become part of the effective policy, after the controller's own
 * model ran. When the controller's CORS is off, the policy is what the hand-written headers send; when it is on
 * as well, the policy stays the controller's and `manual-cors-headers` reports the duplicates.
 * Facts: docs/reference/handwritten-cors.md.
 */
import type { EffectivePolicy, FieldRef, OriginMatcher, PolicyField, Target } from '../../types';
import { makeMatcher } from '../origins';
import { q } from '../../util/markdown';
import { handwrittenOf } from './collect';
import { activeHeaders, preflightHeaders } from './respond';
import type { HandHeader, HandwrittenCors } from './types';
import type { TextLike } from '../../util/pieceText';

export type { HandwrittenCors, HandHeader } from './types';
export { handwrittenResponse } from './respond';

/** The newest modelled ingress-nginx, assumed until the configuration names a version. */
export const ASSUMED_NGINX = 'v1.15';

const lower = (h: HandHeader) => h.name.toLowerCase();

function fieldOf(h: HandHeader): FieldRef {
  return {
    keyRange: h.nameRange,
    value: { node: null, range: h.valueRange, text: h.value, isString: true },
    label: `${h.name} in ${h.via}`,
    via: h.via,
  };
}

/** Origins of one Access-Control-Allow-Origin header: `*`, the echoed Origin (under its `if`), or literal values. */
function originsOf(h: HandHeader, index: number): OriginMatcher[] {
  const f = fieldOf(h);
  if (h.value.trim() === '*') return [makeMatcher('*', h.valueRange, index, f, 'any')];
  if (h.echo) {
    const conds = [...h.conditions, ...h.valueConditions].filter((c) => c.variable === 'origin' && !c.op.startsWith('!'));
    if (conds.length === 0) return [makeMatcher('*', h.valueRange, index, f, 'any')];
    const c = conds[conds.length - 1];
    if (c.op === '=') return [makeMatcher(c.value, h.valueRange, index, f)];
    return [makeMatcher(c.op === '~*' && !c.value.startsWith('(?i)') ? `(?i)${c.value}` : c.value, h.valueRange, index, f, 'regex')];
  }
  return (
    h.value
      .split(/[\s,]+/)
      .filter((v) => v !== '')
      // A literal value is compared character for character by the browser: never a wildcard pattern.
      .map((v, i) => makeMatcher(v, h.valueRange, index + i, f, v === 'null' ? 'null' : 'exact'))
  );
}

/** Replace the controller's (switched-off) policy by what the hand-written headers send. */
function overlay(p: EffectivePolicy, hw: HandwrittenCors): void {
  const normal = activeHeaders(hw);
  const pre = preflightHeaders(hw);
  const first = (name: string, list: HandHeader[]) => list.find((h) => lower(h) === name);
  const acao = normal.filter((h) => lower(h) === 'access-control-allow-origin');
  const fields: EffectivePolicy['fields'] = {};
  const set = (k: PolicyField, h: HandHeader | undefined) => {
    if (h) fields[k] = fieldOf(h);
  };
  const written: OriginMatcher[] = [];
  for (const h of acao) written.push(...originsOf(h, written.length));
  const star = written.find((m) => m.kind === 'any');
  const cred = first('access-control-allow-credentials', normal) ?? first('access-control-allow-credentials', pre);
  const pick = (name: string) => first(name, pre) ?? first(name, normal);
  const methods = pick('access-control-allow-methods');
  const headers = pick('access-control-allow-headers');
  const expose = first('access-control-expose-headers', normal);
  const maxAge = pick('access-control-max-age');
  const vary = normal.find((h) => lower(h) === 'vary' && /\borigin\b/i.test(h.value));
  set('enable', acao[0]);
  set('origin', acao[0]);
  set('credentials', cred);
  set('methods', methods);
  set('headers', headers);
  set('expose', expose);
  set('maxAge', maxAge);
  set('vary', vary);
  p.origins = star ? [star] : written;
  p.writtenOrigins = written;
  p.acaoMode = star && star.field?.value.text.trim() === '*' ? 'literal-star' : 'echo';
  p.allowCredentials = cred?.value.trim() === 'true';
  p.allowMethods = methods?.value ?? '';
  p.allowHeaders = headers?.value ?? '';
  p.exposeHeaders = expose?.value ?? '';
  p.maxAge = maxAge && /^\d+$/.test(maxAge.value.trim()) ? Number(maxAge.value.trim()) : null;
  p.varyOrigin = !!vary;
  const ret = hw.returns.find((r) => r.conditions.some((c) => c.variable === 'method' && c.value.toUpperCase() === 'OPTIONS'));
  p.preflightStatus = ret?.status ?? 0;
  p.fields = fields;
  delete p.fellBack;
  // Written by hand (even when another level hides it): the table is shown, with the origins really sent.
  p.configured = hw.headers.some((h) => lower(h) === 'access-control-allow-origin');
  // Sent once the controller applies the snippets (the note says when it does not); the chart must render the Ingress.
  p.enabled = p.origins.length > 0 && (p.target.kind !== 'ingress-nginx' || !p.target.values || p.target.values.enabled?.value === true);
  const where = [...new Set(hw.sources.map((s) => s.via))].join(' and ');
  p.notes = p.notes.filter((n) => !/^(enable-cors|cors-[a-z-]+) is not set/.test(n));
  p.notes.unshift(
    `CORS is written by hand in ${where}: these are the headers it sends${acao.length ? '' : ' (no Access-Control-Allow-Origin, so browsers block every cross-origin read)'}.`,
  );
  if (!ret) p.notes.push('No hand-written answer to the preflight (`OPTIONS`): it reaches the backend, which must answer it with a 2xx.');
  if (hw.ignoredWhy) p.notes.push(hw.ignoredWhy);
}

/** Hand-written CORS of a target applied to its policy (the hook in policy/index.ts). */
export function applyHandwritten(p: EffectivePolicy, target: Target, text: TextLike | undefined): void {
  const hw = handwrittenOf(target, text ?? ('text' in target ? target.text : ''));
  if (!hw) return;
  // The controller's own CORS: switched on and written (Traefik's model is `configured` for any headers middleware).
  hw.native = p.configured && Object.keys(p.fields).length > 0;
  if (target.kind === 'ingress-nginx' && hw.sources.length > 0) {
    hw.ignoredWhy =
      `ingress-nginx ignores snippet annotations unless the controller's ConfigMap sets \`allow-snippet-annotations: "true"\` ` +
      `(off by default since v1.9.0), and since v1.12.0 its default \`annotations-risk-level: High\` also rejects them (they are Critical); ` +
      `this assumes ingress-nginx ${ASSUMED_NGINX} with those defaults.`;
  }
  p.handwritten = hw;
  // A route whose CORS is only written by hand: the notes of its (absent) CORS block say nothing true.
  if (!hw.native && (target.kind === 'istio' || target.kind === 'gateway-api') && !target.block) p.notes = [];
  if (!hw.native) overlay(p, hw);
  else if (hw.headers.some((h) => lower(h) === 'access-control-allow-origin'))
    p.notes.push(`Access-Control-Allow-Origin is also written by hand in ${q(hw.sources[0].via)}: see manual-cors-headers.`);
}
