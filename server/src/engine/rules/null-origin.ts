import { defineRule } from './rule';
import { q } from './_shared';
import { removeOriginsFix } from '../fix/origins';
import { controllerName, defined, unsafe, withCredentials } from './_origins';

export default defineRule({
  meta: {
    id: 'null-origin',
    defaultSeverity: 'error',
    description: 'The `null` origin is allowed: any website can produce it from a sandboxed iframe or a `data:` document.',
    fixable: 'unsafe',
    docs: {
      summary: '`null` is allowed',
    },
    kind: 'semantic',
    messages: {
      null: '`null` is allowed: any website can send `Origin: null` and read the API.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        for (const m of p.origins) {
          if (m.kind !== 'null') continue;
          // A `null` entry only exists next to listed origins, so the controller echoes it (never `*`).
          const answer = `${controllerName(p)} answers \`Origin: null\` with \`Access-Control-Allow-Origin: null\``;
          const message =
            `${q('null')} is allowed: ${answer}. Browsers send \`Origin: null\` from sandboxed iframes, \`data:\` and \`file:\` documents ` +
            `and after cross-origin redirects, so any website can create a \`null\` origin and read the API's responses${withCredentials(p)}.`;
          // Only while another origin the controller uses remains (an empty value means `*` for ingress-nginx).
          const othersLeft = p.origins.some((o) => o !== m);
          const f = othersLeft ? unsafe(removeOriginsFix(ctx.text, p, [m], `Remove ${q('null')} from the allowed origins`)) : undefined;
          ctx.report({ range: m.range, messageId: 'null', message, fixes: defined([f]) });
        }
      },
    };
  },
});
