import { defineRule } from './rule';
import { q } from './_shared';
import { FORBIDDEN_METHODS, effectiveEntries, editInValue } from './_lists';
import { fix, replaceValue } from '../fix/edits';
import type { Fix } from '../types';

/** Methods the Fetch Standard upper-cases in a request (`fetch(url, { method: 'put' })` sends `PUT`). */
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
/** CORS-safelisted methods: a preflight never checks them against the list. */
const SAFELISTED = new Set(['GET', 'HEAD', 'POST']);

export default defineRule({
  meta: {
    id: 'method-case',
    defaultSeverity: 'warning',
    description: 'A method in the allowed methods is not upper case: browsers compare methods case-sensitively.',
    fixable: 'safe',
    docs: {
      summary: 'a method is not upper case',
      fix: 'upper-cases the method',
    },
    kind: 'semantic',
    messages: {
      notUpper: 'Method {{method}} is not upper case: browsers compare methods case-sensitively.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        const field = p.fields.methods;
        // The effective list (a rejected written value means the default list, which is upper case).
        const { entries, written } = effectiveEntries(ctx.text, p, field, p.allowMethods);
        for (const e of entries) {
          const up = e.value.toUpperCase();
          if (e.value === up || FORBIDDEN_METHODS.has(up)) continue; // forbidden-method reports those
          let effect: string;
          if (SAFELISTED.has(up))
            effect = `${q(e.value)} in Access-Control-Allow-Methods never matches a request, but ${up} is CORS-safelisted and never needs to be listed, so the entry does nothing`;
          else if (NORMALIZED.has(up))
            effect = `Browsers send a script's ${q(e.value)} request as ${q(up)}, which does not match ${q(e.value)} in Access-Control-Allow-Methods, so the preflight fails and the browser blocks the request`;
          else
            effect = `A ${q(up)} request does not match ${q(e.value)} in Access-Control-Allow-Methods, so its preflight fails and the browser blocks it`;
          const fixes: Fix[] = [];
          if (e.item) {
            fixes.push(fix(`Upper-case ${q(e.value)} to ${q(up)}`, [replaceValue(e.item.ref, e.item.ref.text.replace(e.value, up))], true));
          } else if (written && field && e.offset !== undefined) {
            fixes.push(
              fix(
                `Upper-case ${q(e.value)} to ${q(up)}`,
                [editInValue(field.value, e.offset, e.offset + e.value.length, up, (s) => replaceValue(field.value, s))],
                true,
              ),
            );
          }
          ctx.report({
            range: e.range,
            messageId: 'notUpper',
            data: { method: q(e.value) },
            message: `${effect}.`,
            fixes,
          });
        }
      },
    };
  },
});
