import { defineRule } from './rule';
import { q } from './_shared';
import { replaceOriginFix } from '../fix/origins';
import { controllerName, defined, explicitDefaultPort, formatOrigin, hostOrPrefixOrigin } from './_origins';

export default defineRule({
  meta: {
    id: 'origin-default-port',
    defaultSeverity: 'warning',
    description:
      "An origin spells out its scheme's default port (`:443` on https, `:80` on http): browsers omit it, so the entry never matches.",
    fixable: 'safe',
    docs: {
      summary: '`:443`/`:80` — browsers omit default ports, so it never matches',
    },
    kind: 'semantic',
    messages: {
      defaultPort: '{{origin}} spells out the default port: browsers omit it, so it never matches.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        for (const m of p.origins) {
          const port = explicitDefaultPort(m);
          if (port === undefined || !hostOrPrefixOrigin(m)) continue;
          const bare = formatOrigin(m.scheme, m.host);
          // What a browser puts in the Origin header: no default port, lower-case scheme and host.
          const browser = formatOrigin(m.scheme.toLowerCase(), m.host.toLowerCase());
          const sent = m.kind === 'wildcard-subdomain' ? `for example ${q(browser.replace('*', 'app'))}` : q(browser);
          const message =
            `${q(m.value)} spells out ${q(':' + port)}, the default port of ${q(m.scheme)}: browsers leave the default port out of the Origin header ` +
            `(they send ${sent}) and ${controllerName(p)} compares ports exactly, so this entry never matches.`;
          ctx.report({
            range: m.range,
            messageId: 'defaultPort',
            data: { origin: q(m.value) },
            message,
            fixes: defined([replaceOriginFix(p, m, bare, `Remove the default port: ${q(bare)}`)]),
          });
        }
      },
    };
  },
});
