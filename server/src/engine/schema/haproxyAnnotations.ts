/**
 * Values of the HAProxy controllers' `cors-*` annotations that the controller does not accept. Neither has an
 * admission check: the controller logs a warning and ignores the value (docs/reference/haproxy-ingress.md,
 * docs/reference/haproxy.md).
 */
import type { HaproxyTarget, ManifestField } from '../types';
import type { SchemaProblem } from './chart';
import { goAtoi, goParseBool } from '../parse/values';
import { HAPROXY_INGRESS_DEFAULTS, HAPROXY_METHODS, HI_HEADERS, HI_METHODS, HI_ORIGIN, haproxyParseTime } from '../policy/haproxy';
import { re2Error } from '../policy/re2';
import { q } from '../util/markdown';

type Out = SchemaProblem[];

function add(out: Out, f: ManifestField, message: string, range = f.value.range): void {
  out.push({ range, path: f.label, message: `${q(f.label)}: ${message}`, messageId: 'annotation' });
}

function haproxyIngress(t: HaproxyTarget, out: Out): void {
  const F = (n: string) => t.fields.get(n);
  for (const [n, dflt] of [
    ['cors-enable', 'false'],
    ['cors-allow-credentials', 'false'],
  ] as const) {
    const f = F(n);
    if (f && goParseBool(f.value.text) === undefined)
      add(out, f, `${q(f.value.text)} is not a Go boolean (\`"true"\`/\`"false"\`): HAProxy Ingress ignores it and uses \`${dflt}\`.`);
  }
  const of = F('cors-allow-origin');
  if (of) {
    let pos = 0;
    for (const part of of.value.text.split(',')) {
      if (!HI_ORIGIN.test(part)) {
        const start = of.value.contentStart !== undefined ? of.value.contentStart + pos : of.value.range.start;
        const range = of.value.contentStart !== undefined ? { start, end: start + Math.max(part.length, 1) } : of.value.range;
        const hint = part !== part.trim() ? ' (entries are not trimmed: remove the space)' : '';
        add(
          out,
          of,
          `${q(part)} is not \`scheme://host[:port]\` or \`*\`${hint}: HAProxy Ingress ignores the whole annotation and allows \`*\`.`,
          range,
        );
        break;
      }
      pos += part.length + 1;
    }
  }
  const rf = F('cors-allow-origin-regex');
  const bad = rf?.value.text.split(' ').find((r) => re2Error(r) !== undefined);
  if (rf && bad !== undefined)
    add(out, rf, `${q(bad)} does not compile as a Go regexp (${re2Error(bad)}): HAProxy Ingress ignores the annotation.`);
  for (const [n, re, dflt] of [
    ['cors-allow-methods', HI_METHODS, HAPROXY_INGRESS_DEFAULTS.methods],
    ['cors-allow-headers', HI_HEADERS, 'its default list'],
    ['cors-expose-headers', HI_HEADERS, 'nothing'],
  ] as const) {
    const f = F(n);
    if (f && !re.test(f.value.text))
      add(
        out,
        f,
        `${q(f.value.text)} is not accepted by HAProxy Ingress's validator: it uses ${dflt === 'nothing' || dflt === 'its default list' ? dflt : q(dflt)} instead.`,
      );
  }
  const mf = F('cors-max-age');
  if (mf && goAtoi(mf.value.text) === undefined)
    add(out, mf, `${q(mf.value.text)} is not an integer number of seconds: HAProxy Ingress uses ${HAPROXY_INGRESS_DEFAULTS.maxAge}.`);
}

function haproxyTech(t: HaproxyTarget, out: Out): void {
  const F = (n: string) => t.fields.get(n);
  const en = F('cors-enable');
  if (en && goParseBool(en.value.text) === undefined && !/^(enabled|on|disabled|off)$/i.test(en.value.text))
    add(out, en, `${q(en.value.text)} is not a boolean: the controller reports an error and adds no CORS rules.`);
  for (const n of ['cors-allow-credentials', 'cors-respond-to-options']) {
    const f = F(n);
    if (f && f.value.text !== 'true' && f.value.text !== 'false')
      add(out, f, `only the exact string \`"true"\` switches it on; ${q(f.value.text)} counts as false.`);
  }
  const of = F('cors-allow-origin');
  if (of && of.value.text !== '*') {
    const bad = of.value.text.split(' ').find((r) => r !== '' && re2Error(r) !== undefined);
    if (bad !== undefined)
      add(out, of, `${q(bad)} is not a valid regex (${re2Error(bad)}): HAProxy refuses the configuration the controller writes.`);
  }
  const mf = F('cors-allow-methods');
  if (mf && mf.value.text !== '*') {
    const bad = mf.value.text
      .replace(/\s+/g, '')
      .split(',')
      .find((m) => !HAPROXY_METHODS.includes(m.toUpperCase()));
    if (bad !== undefined)
      add(
        out,
        mf,
        `${q(bad)} is not one of ${HAPROXY_METHODS.map(q).join(', ')} ("unsupported HTTP method"): no \`Access-Control-Allow-Methods\` is sent.`,
      );
  }
  const af = F('cors-max-age');
  if (af) {
    const ms = haproxyParseTime(af.value.text);
    if (ms === undefined || ms / 1000 < -1)
      add(
        out,
        af,
        `${q(af.value.text)} is not a time of at least -1 s (units \`ms\`, \`s\`, \`m\`, \`h\`, \`d\`): no \`Access-Control-Max-Age\` is sent.`,
      );
  }
}

/** Annotation values the HAProxy controller of this target ignores. */
export function validateHaproxyTarget(t: HaproxyTarget): SchemaProblem[] {
  const out: Out = [];
  if (t.kind === 'haproxy-ingress') haproxyIngress(t, out);
  else haproxyTech(t, out);
  return out;
}
