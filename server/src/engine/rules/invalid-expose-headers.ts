import { defineRule } from './rule';
import { annotation, q } from './_shared';
import { badChars, joinAnd, nonStringKind, qv } from './_lists';
import { fix, replaceValue } from '../fix/edits';
import { ingressNginxDetails } from '../policy/ingressNginx';
import { goTrimSpace } from '../parse/values';
import type { Fix } from '../types';

const tokenChar = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === '_' || c === '*';

/** Why corsExposeHeadersRegex `^(([A-Za-z0-9\-\_]+|\*),?\s?)+$` rejects a value (validator or unstripped re-check). */
export function exposeProblem(raw: string): string {
  const s = goTrimSpace(raw);
  if (/[\r\n]/.test(raw)) return 'it contains a line break';
  const bad = badChars(s, (c) => tokenChar(c) || c === ',' || c === ' ' || c === '\t');
  if (bad.length) return `only letters, digits, \`-\`, \`_\`, \`*\`, commas and spaces are allowed, and it contains ${joinAnd(bad)}`;
  if (/\s,/.test(s)) return 'it has a space before a comma, and ingress-nginx checks the value a second time without removing spaces';
  if (/,\s*,/.test(s) || s.startsWith(',')) return 'it has an empty entry between commas';
  if (/\s\s/.test(s)) return 'it has two spaces in a row, and ingress-nginx checks the value a second time without removing spaces';
  return 'it does not match `^(([A-Za-z0-9\\-\\_]+|\\*),?\\s?)+$`';
}

export default defineRule({
  meta: {
    id: 'invalid-expose-headers',
    defaultSeverity: 'error',
    description: '`cors-expose-headers` is rejected by ingress-nginx, which then exposes no header.',
    fixable: 'safe',
    docs: {
      summary: 'expose-headers rejected, nothing exposed',
      fix: 'rewrites the list when only separators are wrong',
    },
    kind: 'syntax',
    messages: {
      invalid: '`cors-expose-headers` is invalid: ingress-nginx exposes no response header.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(t, p) {
        const e = annotation(t, 'cors-expose-headers');
        const r = ingressNginxDetails(p)?.expose;
        if (!e || !r || r.accepted) return;
        if (nonStringKind(ctx.text, e.value) === 'skip') return; // null or a collection: annotation-value-not-string
        const text = e.value.text;
        // An empty value gives the default, which is "no header exposed": exactly what it says.
        if (goTrimSpace(text) === '') return;
        const fixes: Fix[] = [];
        const entries = text.split(/[\s,;]+/).filter((x) => x !== '');
        if (entries.length && entries.every((x) => /^([A-Za-z0-9_-]+|\*)$/.test(x))) {
          const list = entries.join(', ');
          if (list !== text) fixes.push(fix(`Rewrite as ${q(list)}`, [replaceValue(e.value, list)], true));
        }
        ctx.report({
          range: e.value.range,
          messageId: 'invalid',
          message:
            `\`cors-expose-headers\` ${qv(text)} is invalid (${exposeProblem(text)}): ingress-nginx ignores it and sends no ` +
            '`Access-Control-Expose-Headers`, so scripts can read only the CORS-safelisted response headers ' +
            '(Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma).',
          fixes,
        });
      },
    };
  },
});
