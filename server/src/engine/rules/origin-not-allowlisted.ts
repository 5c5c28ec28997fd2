import { defineRule } from './rule';
import { q } from './_shared';
import { removeOriginsFix } from '../fix/origins';
import { allowListCovers, anyOriginRange, anyOriginWhy, answers, defined, unsafe, withCredentials } from './_origins';

/** The allow-list for messages (at most three entries). */
function describe(allow: readonly string[]): string {
  if (allow.length === 0) return 'allowedOrigins is empty';
  const shown = allow.slice(0, 3).map(q).join(', ');
  return `allowedOrigins permits only ${shown}${allow.length > 3 ? ` and ${allow.length - 3} more` : ''}`;
}

export default defineRule({
  meta: {
    id: 'origin-not-allowlisted',
    defaultSeverity: 'error',
    description: 'An allowed origin is not in the configured `allowedOrigins` list (only checked when that list is set).',
    fixable: 'unsafe',
    docs: {
      summary: 'an origin outside the configured `allowedOrigins`',
    },
    kind: 'semantic',
    messages: {
      anyOrigin: 'Any origin is allowed, but the config has an allow-list: any website can read the API.',
      notListed: '{{origin}} is not in the configured allow-list: that site can read the API.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        const allow = ctx.config.allowedOrigins;
        if (!allow) return;
        const list = describe(allow);
        for (const m of p.origins) {
          if (m.kind === 'any') {
            ctx.report({
              range: anyOriginRange(p),
              messageId: 'anyOrigin',
              message: `${anyOriginWhy(p)}, but ${list}: any website can read the API's responses.`,
            });
            continue;
          }
          if (allowListCovers(allow, m)) continue;
          const who =
            m.kind === 'wildcard-subdomain'
              ? 'every matching subdomain'
              : m.kind === 'null'
                ? 'any website (from a sandboxed iframe)'
                : 'that site';
          const others = p.origins.some((o) => o !== m);
          const f = others ? unsafe(removeOriginsFix(ctx.text, p, [m], `Remove ${q(m.value)}`)) : undefined;
          ctx.report({
            range: m.range,
            messageId: 'notListed',
            data: { origin: q(m.value) },
            message: `${q(m.value)} is not in the configured allow-list (${list}): ${answers(p, m.kind === 'wildcard-subdomain' ? 'every matching Origin' : 'it')}, so ${who} can read the API's responses${withCredentials(p)}.`,
            fixes: defined([f]),
          });
        }
      },
    };
  },
});
