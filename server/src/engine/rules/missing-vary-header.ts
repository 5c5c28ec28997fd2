import { defineRule } from './rule';
import { q } from './_shared';
import { fix, insertPairs, replace } from '../fix/edits';
import type { Fix } from '../types';
import { withCredentials } from './_origins';

export default defineRule({
  meta: {
    id: 'missing-vary-header',
    defaultSeverity: 'warning',
    description:
      "A Traefik Middleware echoes the request Origin (origin list or regex, or `*` with credentials) without `addVaryHeader: true`, so shared caches can serve one origin's response to another.",
    fixable: 'safe',
    docs: {
      summary: 'Traefik echoes origins but `addVaryHeader` is not `true`',
    },
    kind: 'semantic',
    messages: {
      noVary: 'Origin echoed without `Vary: Origin`: shared caches can serve it to other origins.',
    },
    controllers: ['traefik'],
  },
  create(ctx) {
    return {
      target(t, p) {
        if (p.acaoMode !== 'echo' || p.varyOrigin || p.origins.length === 0) return;
        const vary = t.fields.get('addVaryHeader');
        const star = p.origins.some((o) => o.kind === 'any');
        const why = star
          ? `${q('*')} with ${q('accessControlAllowCredentials: true')} makes Traefik echo every request Origin`
          : 'Traefik echoes the matching request Origin';
        const now = !vary
          ? `${q('addVaryHeader')} is not set`
          : vary.value.isString
            ? `${q('addVaryHeader')} is the string ${q(JSON.stringify(vary.value.text))}, not a boolean`
            : `${q('addVaryHeader')} is ${q(vary.value.text.trim() || 'empty')}`;
        const message =
          `${why} in \`Access-Control-Allow-Origin\`${withCredentials(p)}, but ${now}, so responses carry no \`Vary: Origin\`: ` +
          'a shared cache (CDN, proxy) can serve the response stored for one origin to another, and the browser then blocks the call. ' +
          'Set `addVaryHeader: true`.';
        const fixes: Fix[] = [];
        if (vary) fixes.push(fix('Set addVaryHeader: true', [replace(vary.value.range, vary.value.node ? 'true' : ' true')]));
        else if (t.block)
          fixes.push(fix('Add addVaryHeader: true', [insertPairs(ctx.text, t.block, [['addVaryHeader', 'true']], t.anchor)]));
        ctx.report({ range: vary ? vary.value.range : (p.fields.origin?.keyRange ?? p.anchor), messageId: 'noVary', message, fixes });
      },
    };
  },
});
