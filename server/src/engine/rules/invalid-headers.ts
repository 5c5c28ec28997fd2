import { defineRule } from './rule';
import { annotation, q } from './_shared';
import { badChars, joinAnd, nonStringKind, qv } from './_lists';
import { fix, replaceValue } from '../fix/edits';
import { ingressNginxDetails } from '../policy/ingressNginx';
import { DEFAULT_HEADERS } from '../policy/ingressNginxModel';
import { goTrimSpace } from '../parse/values';
import type { Fix } from '../types';

/** What a wildcard is replaced with: the headers vCluster Platform API calls send. */
export const HEADERS_FOR_STAR = ['Authorization', 'Content-Type'];

const headerChar = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === '_' || c === ',' || c === ' ';

export default defineRule({
  meta: {
    id: 'invalid-headers',
    defaultSeverity: 'error',
    description: '`cors-allow-headers` is rejected by ingress-nginx (e.g. `*`), which sends its default header list instead.',
    fixable: 'unsafe',
    docs: {
      summary: 'allow-headers rejected (e.g. `*`), defaults used',
    },
    kind: 'syntax',
    messages: {
      invalid: '`cors-allow-headers` is invalid: ingress-nginx sends its default header list instead.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(t, p) {
        const e = annotation(t, 'cors-allow-headers');
        const r = ingressNginxDetails(p)?.headers;
        if (!e || !r || r.accepted) return;
        if (nonStringKind(ctx.text, e.value) === 'skip') return; // null or a collection: annotation-value-not-string
        const text = e.value.text;
        const outcome = `ingress-nginx ignores it and sends its default list \`${DEFAULT_HEADERS}\``;
        const entries = text.split(/[\s,;]+/).filter((x) => x !== '');
        const star = entries.includes('*');
        let message: string;
        if (goTrimSpace(text) === '') {
          message = `\`cors-allow-headers\` is empty: ${outcome}.`;
        } else if (star) {
          message =
            `\`cors-allow-headers\` ${qv(text)} is invalid: ingress-nginx does not accept \`*\` in allow-headers (kubernetes/ingress-nginx#10501), ` +
            `so it ignores the value and sends its default list \`${DEFAULT_HEADERS}\`. List the request headers your clients send instead, e.g. \`Authorization, Content-Type\`.`;
        } else {
          const bad = badChars(text, headerChar);
          message = `\`cors-allow-headers\` ${qv(text)} is invalid (only letters, digits, \`-\`, \`_\`, commas and spaces are allowed, and it contains ${joinAnd(bad)}): ${outcome}.`;
        }
        // No safe fix: which headers are meant is a guess. Offer a rewrite when every entry is a valid name.
        const fixes: Fix[] = [];
        if (entries.length && entries.every((x) => x === '*' || /^[A-Za-z0-9_-]+$/.test(x))) {
          const out: string[] = [];
          for (const x of entries.flatMap((x) => (x === '*' ? HEADERS_FOR_STAR : [x])))
            if (!out.some((o) => o.toLowerCase() === x.toLowerCase())) out.push(x);
          const list = out.join(', ');
          const title = star ? `Replace ${q('*')} with ${q(HEADERS_FOR_STAR.join(', '))}` : `Rewrite as ${q(list)}`;
          fixes.push(fix(title, [replaceValue(e.value, list)], false));
        }
        ctx.report({ range: e.value.range, messageId: 'invalid', message, fixes });
      },
    };
  },
});
