import { defineRule } from './rule';
import { q } from './_shared';
import { fix, renameKey } from '../fix/edits';
import { stringMatchPair } from '../fix/origins';
import { nodeRange } from '../parse/parse';
import { splitOrigin } from '../policy/origins';
import type { Node } from 'yaml';
import type { Fix } from '../types';
import { withCredentials } from './_origins';

export default defineRule({
  meta: {
    id: 'origin-prefix-boundary',
    defaultSeverity: 'error',
    description:
      'An Istio `prefix:` origin does not end at a boundary: `prefix: https://dashboard.example.com` also matches `https://dashboard.example.com.evil.io`.',
    fixable: 'unsafe',
    docs: {
      summary: 'an Istio `prefix:` origin that also matches `https://dashboard.example.com.evil.io`',
    },
    kind: 'semantic',
    messages: {
      unbounded: 'The prefix {{prefix}} does not end at a boundary: look-alike origins match too.',
    },
    controllers: ['istio'],
  },
  create(ctx) {
    return {
      target(_t, p) {
        for (const m of p.writtenOrigins) {
          if (m.kind !== 'prefix') continue;
          const v = m.value;
          const parts = splitOrigin(v);
          // Bounded: the host is complete (followed by `:` and a port of 5 digits, or by a trailing `:`).
          if (parts && parts.port !== undefined && (parts.port === '' || parts.port.length >= 5) && parts.rest === '') continue;
          let samples: string[];
          if (parts && /[.-]$/.test(parts.host) && parts.port === undefined && parts.rest === '') samples = [v + 'evil.io'];
          else if (parts && parts.host !== '' && parts.port === undefined && parts.rest === '') samples = [v + '.evil.io', v + '-evil.io'];
          else if (parts && parts.port !== undefined && parts.rest === '') samples = [v + '0'];
          else if (parts && parts.host === '') samples = [v + 'evil.io'];
          else if (!parts && 'https://evil.io'.startsWith(v)) samples = ['https://evil.io'];
          else if (!parts && 'http://evil.io'.startsWith(v)) samples = ['http://evil.io'];
          else continue; // a prefix that cannot match an origin at all (e.g. with a path): not this rule's concern
          const message =
            `Envoy compares only the start of the Origin with ${q('prefix: ' + v)}, so ` +
            `${samples.map(q).join(' and ')} ${samples.length > 1 ? 'match' : 'matches'} too and ${samples.length > 1 ? 'are' : 'is'} echoed in ` +
            `\`Access-Control-Allow-Origin\`${withCredentials(p)}. Use \`exact:\` for one origin.`;
          const fixes: Fix[] = [];
          // Only a complete origin (scheme://host[:port]) can become an exact match.
          const sm = stringMatchPair(m);
          const kr = sm ? nodeRange(sm.pair.key as Node) : undefined;
          if (
            kr &&
            parts &&
            parts.host !== '' &&
            !parts.host.endsWith('.') &&
            !parts.host.endsWith('-') &&
            parts.rest === '' &&
            parts.port !== ''
          )
            fixes.push(fix(`Match exactly: ${q('exact: ' + v)}`, [renameKey(ctx.text, kr, 'exact')], false));
          ctx.report({ range: m.range, messageId: 'unbounded', data: { prefix: q(v) }, message, fixes });
        }
      },
    };
  },
});
