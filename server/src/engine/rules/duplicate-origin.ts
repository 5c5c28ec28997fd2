import { defineRule } from './rule';
import { q } from './_shared';
import { removeOriginsFix } from '../fix/origins';
import type { OriginMatcher } from '../types';
import { ControllerName, originIdentity } from './_origins';

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
        if (p.origins.length < 2) return;
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
          // The headline names the origin and says it does nothing; the explanation says why.
          const caseInsensitive = p.profile.origins.caseInsensitive;
          const how = same
            ? `${ControllerName(p)} matches it through the first one already`
            : caseInsensitive
              ? `${ControllerName(p)} matches origins ${caseInsensitive}, so ${q(prev.value)} already covers it`
              : `Browsers send host names in lower case, so ${q(prev.value)} and this entry stand for one origin`;
          const f = removeOriginsFix(ctx.text, p, [m], `Remove the duplicate ${q(m.value)}`);
          ctx.report({
            range: m.range,
            messageId: same ? 'duplicate' : 'sameOrigin',
            data: { origin: q(m.value) },
            message: `${how}. Remove the duplicate.`,
            related: [{ range: prev.range, message: `first listed here as ${q(prev.value)}` }],
            fixes: f ? [f] : [],
          });
        }
      },
    };
  },
});
