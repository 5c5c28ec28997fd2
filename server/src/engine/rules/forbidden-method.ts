import { defineRule } from './rule';
import { q } from './_shared';
import { FORBIDDEN_METHODS, effectiveEntries, listTokens, removeSeqItemEdit, withoutEntry } from './_lists';
import { fix, replace, replaceValue } from '../fix/edits';
import type { Fix } from '../types';

export default defineRule({
  meta: {
    id: 'forbidden-method',
    defaultSeverity: 'warning',
    description: 'CONNECT, TRACE or TRACK is allowed: browsers can never send these methods.',
    fixable: 'safe',
    docs: {
      summary: 'CONNECT, TRACE or TRACK',
      fix: 'removes the method',
    },
    kind: 'semantic',
    messages: {
      forbidden: '{{method}} is a forbidden method: browsers never send it.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        const field = p.fields.methods;
        // A controller's own default list (Kong's has TRACE and CONNECT) is not something to remove.
        if (!field) return;
        const { entries, written } = effectiveEntries(ctx.text, p, field, p.allowMethods);
        entries.forEach((e, i) => {
          const up = e.value.toUpperCase();
          if (!FORBIDDEN_METHODS.has(up)) return;
          const fixes: Fix[] = [];
          // Removing the only entry would leave an empty value or list: ingress-nginx then sends its default list,
          // other controllers no methods header at all. Neither is what the list says.
          if (e.item) {
            const edit = entries.length > 1 ? removeSeqItemEdit(ctx.text, e.item.node, e.item.seq) : undefined;
            if (edit) fixes.push(fix(`Remove ${q(e.value)} from the allowed methods`, [edit], true));
          } else if (written && field.value.node && entries.length > 1) {
            // Written as the effective list: the written tokens are the entries.
            const tokens = listTokens(field.value.text);
            const cut = withoutEntry(field.value.text, tokens, i);
            const cs = field.value.contentStart;
            const edit = cs !== undefined ? replace({ start: cs + cut.start, end: cs + cut.end }, '') : replaceValue(field.value, cut.text);
            fixes.push(fix(`Remove ${q(e.value)} from the allowed methods`, [edit], true));
          }
          ctx.report({
            range: e.range,
            messageId: 'forbidden',
            data: { method: q(e.value) },
            message: `The Fetch Standard forbids CONNECT, TRACE and TRACK, so listing ${q(e.value)} in Access-Control-Allow-Methods has no effect. Remove it.`,
            fixes,
          });
        });
      },
    };
  },
});
