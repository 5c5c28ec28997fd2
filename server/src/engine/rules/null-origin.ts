import { defineRule } from './rule';
import { q } from './_shared';
import { removeOriginsFix } from '../fix/origins';
import { controllerName, defined, unsafe, withCredentials } from './_origins';

export default defineRule({
  meta: {
    id: 'null-origin',
    defaultSeverity: 'error',
    description: 'The `null` origin is allowed: any website can produce it from a sandboxed iframe or a `data:` document.',
    fixable: true,
    kind: 'semantic',
  },
  create(ctx) {
    return {
      policy(p) {
        for (const m of p.origins) {
          if (m.kind !== 'null') continue;
          const answer =
            p.acaoMode === 'literal-star'
              ? `${controllerName(p)} answers \`Origin: null\` with \`Access-Control-Allow-Origin: *\``
              : `${controllerName(p)} answers \`Origin: null\` with \`Access-Control-Allow-Origin: null\``;
          const message =
            `${q('null')} is allowed: ${answer}. Browsers send \`Origin: null\` from sandboxed iframes, \`data:\` and \`file:\` documents ` +
            `and after cross-origin redirects, so any website can create a \`null\` origin and read the API's responses${withCredentials(p)}.`;
          ctx.report({
            range: m.range,
            message,
            fixes: defined([unsafe(removeOriginsFix(ctx.text, p, [m], `Remove ${q('null')} from the allowed origins`))]),
          });
        }
      },
    };
  },
});
