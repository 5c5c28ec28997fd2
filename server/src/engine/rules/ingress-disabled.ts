import { defineRule } from './rule';
import { q } from './_shared';
import { fix, indentAt, eol, replace } from '../fix/edits';
import { nodeRange } from '../parse/parse';
import { corsEntries, helmTruthy, writtenAs } from './_values';
import type { Node } from 'yaml';
import type { Fix, Range, TextEdit, ValuesFileFacts } from '../types';
import { chartIngressDefaults } from '../helm/chartDefaults';
import type { TextLike } from '../util/pieceText';

/** `enabled: true` as the first key of the ingress map (block: its own line, flow: before the first key). */
function insertEnabled(text: TextLike, v: ValuesFileFacts): TextEdit | undefined {
  const map = v.ingressMap;
  if (!map || map.items.length === 0) return undefined;
  const firstKey = nodeRange(map.items[0].key as Node);
  if (!firstKey) return undefined;
  if (map.flow) return { start: firstKey.start, end: firstKey.start, newText: 'enabled: true, ' };
  const ingressKey = nodeRange(v.ingressPair?.key as Node);
  // Right after the `ingress:` line, so comments above the first key stay with it.
  const from = ingressKey ? ingressKey.end : firstKey.start;
  const nl = text.indexOf('\n', from);
  if (nl < 0 || nl >= firstKey.start) return undefined;
  return { start: nl + 1, end: nl + 1, newText: `${indentAt(text, firstKey.start)}enabled: true${eol(text)}` };
}

export default defineRule({
  meta: {
    id: 'ingress-disabled',
    defaultSeverity: 'warning',
    description: 'CORS annotations are set while `ingress.enabled` is not true: the chart renders no Ingress, so they do nothing.',
    fixable: 'safe',
    docs: {
      summary: 'CORS annotations while `ingress.enabled` is not true',
      fix: 'set `enabled: true`',
    },
    unnecessary: true,
    kind: 'syntax',
    messages: {
      disabled: 'The chart renders no Ingress (`ingress.enabled` is false): the CORS annotations do nothing.',
      notEnabled: 'The chart renders no Ingress (`ingress.enabled` defaults to false): CORS annotations do nothing.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(t) {
        if (!t.values) return;
        const v = t.values;
        // An Ingress is rendered (the usual case): nothing to look for.
        const en = v.enabled;
        const truthy = en ? helmTruthy(en.node, ctx.text) : chartIngressDefaults().enabled;
        if (truthy !== false) return;
        const cors = corsEntries(t);
        if (cors.length === 0) return;

        const names = [...new Set(cors.map((a) => a.key.slice(a.key.lastIndexOf('/') + 1)))].map(q);
        const what =
          names.length === 1 ? `the CORS annotation ${names[0]} does nothing` : `the CORS annotations ${names.join(', ')} do nothing`;
        const where = cors.every((a) => a.source === 'commonAnnotations')
          ? ' (`commonAnnotations` also go to the Service, Deployment and Secrets, where no ingress controller reads them)'
          : '';
        const fixes: Fix[] = [];
        let message: string;
        let range: Range;
        if (en) {
          const src = writtenAs(en.node, ctx.text);
          message = `\`ingress.enabled\` is ${q(src)}, which Helm treats as false: the chart renders no Ingress, so ${what}${where}. Set \`enabled: true\` to expose the Platform through the Ingress.`;
          range = en.range;
          const empty = en.range.start === en.range.end;
          fixes.push(fix('Set ingress.enabled to true', [replace(en.range, empty ? ' true' : 'true')], true));
        } else {
          message = `No ingress controller reads ${names.join(', ')} while there is no Ingress object${where}. Set \`enabled: true\` to expose the Platform through the Ingress.`;
          range = nodeRange(v.ingressPair?.key as Node) ?? cors[0].keyRange;
          const edit = insertEnabled(ctx.text, v);
          if (edit) fixes.push(fix('Add enabled: true to ingress', [edit], true));
        }
        const related = range === cors[0].keyRange ? [] : [{ range: cors[0].keyRange, message: 'CORS annotation set here' }];
        ctx.report({ range, messageId: en ? 'disabled' : 'notEnabled', message, fixes, related });
      },
    };
  },
});
