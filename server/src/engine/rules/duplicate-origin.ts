import { defineRule } from './rule';
import { q } from './_shared';
import { removeOriginsFix } from '../fix/origins';
import type { OriginMatcher } from '../types';
import { controllerName, originIdentity } from './_origins';

export default defineRule({
  meta: {
    id: 'duplicate-origin',
    defaultSeverity: 'warning',
    description: 'The same origin is listed twice (host names compared case-insensitively).',
    fixable: 'safe',
    docs: {
      summary: 'an origin is listed twice',
    },
    kind: 'semantic',
    messages: {
      duplicate: '{{origin}} is listed twice: the second entry does nothing.',
      sameOrigin: '{{origin}} is the same origin as an earlier entry: it does nothing.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        // Written entries the controller keeps (p.origins holds exactly those, unless it allows any origin).
        const first = new Map<string, OriginMatcher>();
        for (const m of p.origins) {
          if (m.kind === 'any') continue;
          const id = originIdentity(m);
          const prev = first.get(id);
          if (!prev) {
            first.set(id, m);
            continue;
          }
          const same = prev.value === m.value;
          const why = same
            ? `${q(m.value)} is listed twice`
            : `${q(m.value)} is the same origin as ${q(prev.value)}`;
          const caseInsensitive = p.profile.origins.caseInsensitive;
          const how = same
            ? `${controllerName(p)} already matches it through the first entry`
            : caseInsensitive
              ? `${controllerName(p)} matches origins ${caseInsensitive}, so the first entry already covers it`
              : 'browsers send host names in lower case, so both entries stand for one origin';
          const f = removeOriginsFix(ctx.text, p, [m], `Remove the duplicate ${q(m.value)}`);
          ctx.report({
            range: m.range,
            messageId: same ? 'duplicate' : 'sameOrigin',
            data: { origin: q(m.value) },
            message: `${why}: ${how}. Remove the duplicate.`,
            related: [{ range: prev.range, message: `first listed here as ${q(prev.value)}` }],
            fixes: f ? [f] : [],
          });
        }
      },
    };
  },
});
