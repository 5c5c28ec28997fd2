import { defineRule } from './rule';
import { annotation } from './_shared';
import { CHROMIUM_MAX_AGE, nonStringKind, nonStringPreamble, qv } from './_lists';
import { fix, replaceValue } from '../fix/edits';
import { ingressNginxDetails } from '../policy/ingressNginx';
import { DEFAULT_MAX_AGE } from '../policy/ingressNginxModel';
import { goAtoi, goTrimSpace } from '../parse/values';
import type { Fix } from '../types';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds of a duration such as `2h`, `3600s`, `1h30m`, `10 min`, `2 hours` (undefined: not a duration). */
export function durationSeconds(raw: string): number | undefined {
  const s = goTrimSpace(raw).toLowerCase();
  const go = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(s);
  if (go && s !== '') {
    const [, d, h, m, sec] = go;
    return Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(sec ?? 0);
  }
  const word = /^(\d+)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)$/.exec(s);
  if (word) return Number(word[1]) * UNIT_SECONDS[word[2][0]];
  return undefined;
}

const FALLBACK = `ingress-nginx falls back to \`${DEFAULT_MAX_AGE}\` (20 days), far above every browser cap`;

export default defineRule({
  meta: {
    id: 'invalid-max-age',
    defaultSeverity: 'error',
    description:
      '`cors-max-age` is not an integer (ingress-nginx falls back to 1728000) or is negative (browsers do not cache the preflight).',
    fixable: 'safe',
    docs: {
      summary: '`cors-max-age` not an integer (→ 1728000) or negative',
      fix: 'durations and negative values; other values only with an unsafe fix',
    },
    kind: 'syntax',
    messages: {
      negative: '`cors-max-age` is negative: browsers do not cache the preflight.',
      invalid: '`cors-max-age` is not an integer ingress-nginx accepts: it falls back to 20 days.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(t, p) {
        const e = annotation(t, 'cors-max-age');
        const r = ingressNginxDetails(p)?.maxAge;
        if (!e || !r) return;
        const v = e.value;
        const text = v.text;
        const set = (n: number, why: string, safe: boolean): Fix =>
          fix(`Set cors-max-age to "${n}"${why}`, [replaceValue(v, String(n))], safe);

        if (r.accepted) {
          if (r.value >= 0) return;
          ctx.report({
            range: v.range,
            messageId: 'negative',
            message:
              `\`cors-max-age\` ${qv(text)} is negative: ingress-nginx sends \`Access-Control-Max-Age: ${r.value}\`, which is not a valid ` +
              'delta-seconds value, so browsers do not cache the preflight (Chromium treats it as 0, Firefox ignores it, the Fetch Standard falls back to 5 s). ' +
              'Use "0" to switch preflight caching off explicitly.',
            fixes: [set(0, '', true)],
          });
          return;
        }

        const kind = nonStringKind(ctx.text, v);
        if (kind === 'skip') return; // null or a collection: annotation-value-not-string alone
        const trimmed = goTrimSpace(text);
        const asInt = goAtoi(trimmed);
        const secs = asInt === undefined ? durationSeconds(text) : undefined;
        let message: string;
        const fixes: Fix[] = [];
        if (kind) {
          message = `\`cors-max-age\`: ${nonStringPreamble(kind, text)} as an integer: ${FALLBACK}.`;
        } else if (r.reason === 'empty') {
          message = `\`cors-max-age\` is empty: ${FALLBACK}.`;
        } else if (asInt !== undefined) {
          message = `\`cors-max-age\` ${qv(text)} has whitespace around the number, which ingress-nginx's validator rejects: ${FALLBACK}.`;
        } else if (secs !== undefined) {
          message = `\`cors-max-age\` ${qv(text)} is a duration, but ingress-nginx expects a number of seconds (Go's strconv.Atoi): ${FALLBACK}.`;
        } else if (/^[+-]?[0-9]+$/.test(trimmed)) {
          message = `\`cors-max-age\` ${qv(text)} does not fit in a 64-bit integer: ${FALLBACK}.`;
        } else {
          message = `\`cors-max-age\` ${qv(text)} is not an integer (ingress-nginx parses it with Go's strconv.Atoi): ${FALLBACK}.`;
        }
        if (asInt !== undefined && !kind) {
          fixes.push(set(Math.max(asInt, 0), '', true));
        } else if (secs !== undefined) {
          if (secs <= CHROMIUM_MAX_AGE) fixes.push(set(secs, ` (${goTrimSpace(text)} in seconds)`, true));
          else fixes.push(set(CHROMIUM_MAX_AGE, ` (${goTrimSpace(text)} is above the Chromium cap of 7200 s)`, true));
        } else {
          fixes.push(set(CHROMIUM_MAX_AGE, ' (the Chromium cap)', false));
        }
        ctx.report({ range: v.range, messageId: 'invalid', message, fixes });
      },
    };
  },
});
