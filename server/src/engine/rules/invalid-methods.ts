import { defineRule } from './rule';
import { annotation, q } from './_shared';
import { badChars, joinAnd, nonStringKind, qv } from './_lists';
import { fix, replaceValue } from '../fix/edits';
import { ingressNginxDetails } from '../policy/ingressNginx';
import { DEFAULT_METHODS } from '../policy/ingressNginxModel';
import { goTrimSpace } from '../parse/values';
import type { Fix } from '../types';

/** The explicit form of "every method a browser can ask for" (the seed example's order). */
const ALL_METHODS = 'GET, POST, PUT, DELETE, PATCH, OPTIONS';

const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** Why corsMethodsRegex `^([A-Za-z]+,?\s?)+$` rejects a value (validator or unstripped re-check). */
export function methodsProblem(raw: string): string {
  const s = goTrimSpace(raw);
  if (s === '') return 'it is empty';
  if (/[\r\n]/.test(raw)) return 'it contains a line break';
  const bad = badChars(s, (c) => isLetter(c) || c === ',' || c === ' ' || c === '\t');
  if (bad.length) return `only letters, commas and spaces are allowed, and it contains ${joinAnd(bad)}`;
  if (/\s,/.test(s)) return 'it has a space before a comma, and ingress-nginx checks the value a second time without removing spaces';
  if (/,\s*,/.test(s) || s.startsWith(',')) return 'it has an empty entry between commas';
  if (/\s\s/.test(s)) return 'it has two spaces in a row, and ingress-nginx checks the value a second time without removing spaces';
  return 'it does not match `^([A-Za-z]+,?\\s?)+$`';
}

/** `GET POST;PUT` → `GET, POST, PUT` when every entry is letters only (undefined otherwise). */
export function canonicalMethods(raw: string): string | undefined {
  const tokens = raw.split(/[\s,;]+/).filter((x) => x !== '');
  if (tokens.length === 0 || !tokens.every((x) => /^[A-Za-z]+$/.test(x))) return undefined;
  return tokens.join(', ');
}

export default defineRule({
  meta: {
    id: 'invalid-methods',
    defaultSeverity: 'error',
    description: '`cors-allow-methods` is rejected by ingress-nginx, which sends its default methods instead.',
    fixable: 'safe',
    docs: {
      summary: 'methods value rejected, defaults used',
      fix: 'rewrites the list as `GET, POST`',
    },
    kind: 'syntax',
    messages: {
      invalid: '`cors-allow-methods` is invalid: ingress-nginx sends its default methods instead.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(t, p) {
        const e = annotation(t, 'cors-allow-methods');
        const r = ingressNginxDetails(p)?.methods;
        if (!e || !r || r.accepted) return;
        if (nonStringKind(ctx.text, e.value) === 'skip') return; // null or a collection: annotation-value-not-string
        const text = e.value.text;
        const shown =
          goTrimSpace(text) === ''
            ? '`cors-allow-methods` is empty'
            : `\`cors-allow-methods\` ${qv(text)} is invalid (${methodsProblem(text)})`;
        const fixes: Fix[] = [];
        const canonical = canonicalMethods(text);
        if (canonical !== undefined && canonical !== text)
          fixes.push(fix(`Rewrite as ${q(canonical)}`, [replaceValue(e.value, canonical)], true));
        else if (goTrimSpace(text) === '*')
          fixes.push(fix(`Replace ${q('*')} with ${q(ALL_METHODS)}`, [replaceValue(e.value, ALL_METHODS)], false));
        ctx.report({
          range: e.value.range,
          messageId: 'invalid',
          message: `${shown}: ingress-nginx ignores it and sends the default methods \`${DEFAULT_METHODS}\`.`,
          fixes,
        });
      },
    };
  },
});
