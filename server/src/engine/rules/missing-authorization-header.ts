import { defineRule } from './rule';
import { q, isPlatformTarget } from './_shared';
import { appendSeqItemEdit, listTokens, qv } from './_lists';
import { settingLabel } from '../policy/profiles';
import { fix, replaceValue, serializeLike } from '../fix/edits';
import { valueRef } from '../parse/values';
import { isSeq } from 'yaml';
import type { Fix } from '../types';

export default defineRule({
  meta: {
    id: 'missing-authorization-header',
    defaultSeverity: 'warning',
    description: 'The allowed request headers are set but lack `Authorization`: Platform API calls carry bearer tokens.',
    fixable: 'safe',
    docs: {
      summary: 'allow-headers set without `Authorization`',
      fix: 'appends `, Authorization`',
    },
    kind: 'semantic',
    messages: {
      star: 'Allowed headers rely on `*` for `Authorization`: API calls will start failing their preflight.',
      missing: 'Allowed headers lack `Authorization`: the browser blocks authenticated API calls.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        const f = p.fields.headers;
        // Not set: the controller default applies (ingress-nginx's includes Authorization).
        if (!f) return;
        const names = listTokens(p.allowHeaders).map((x) => x.value.toLowerCase());
        // A value written but not read as a list at all (a string where the controller takes an array): the
        // `schema` rule reports the type; saying that it lacks Authorization would be wrong, and appending to
        // the string would never make the controller read it.
        if (!isSeq(f.value.node) && names.length === 0 && f.value.text.trim() !== '') return;
        if (names.includes('authorization')) return;
        const label = settingLabel(p, 'headers');
        const ctl = p.profile.name;
        const star = names.includes('*');
        const platform = isPlatformTarget(p.target);
        const shown = qv(isSeq(f.value.node) ? p.allowHeaders : f.value.text);
        const message = star
          ? `${q(label)} ${shown} relies on \`*\` for \`Authorization\`: the Fetch Standard never lets \`*\` cover Authorization, and Chromium and Firefox accept it today only with a deprecation warning, so ${platform ? 'vCluster Platform API calls (`Authorization: Bearer …`)' : 'calls that send `Authorization`'} will start failing their preflight. List \`Authorization\` explicitly.`
          : `${platform ? 'vCluster Platform API calls carry `Authorization: Bearer …`, so their preflight asks' : 'Calls to an API that uses `Authorization` send a preflight that asks'} for \`authorization\`, and ${ctl} answers with ${q(label)} ${shown}, which does not include it.`;
        const fixes: Fix[] = [];
        const v = f.value;
        if (isSeq(v.node)) {
          const seq = v.node;
          const last = seq.items[seq.items.length - 1];
          const style = last ? serializeLike(valueRef(ctx.text, last, v.range.start), 'Authorization') : undefined;
          const edit = style ? appendSeqItemEdit(ctx.text, seq, style) : undefined;
          if (edit) fixes.push(fix('Add Authorization to the allowed headers', [edit], true));
        } else if (v.isString && v.node) {
          const body = v.text.replace(/[\s,]+$/, '');
          const edit =
            body === ''
              ? replaceValue(v, 'Authorization')
              : v.contentStart !== undefined
                ? { start: v.contentStart + body.length, end: v.contentStart + body.length, newText: ', Authorization' }
                : replaceValue(v, body + ', Authorization');
          fixes.push(fix('Add Authorization to the allowed headers', [edit], true));
        }
        // A block sequence's range runs to the next line: end it at the last item.
        let range = v.range;
        if (isSeq(v.node)) {
          const last = v.node.items.at(-1) as { range?: [number, number, number] } | undefined;
          if (!v.node.flow && last?.range) range = { start: v.range.start, end: last.range[1] };
        }
        ctx.report({ range, messageId: star ? 'star' : 'missing', message, fixes });
      },
    };
  },
});
