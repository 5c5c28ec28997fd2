import { defineRule } from './rule';
import { ControllerName, listedOrigins } from './_origins';

export default defineRule({
  meta: {
    id: 'no-vary-origin',
    // Off unless turned on: a correct configuration lints silent, and ingress-nginx, Istio and Gateway API cannot
    // send the header, so only a project with a shared cache in front should see it (docs/rules/no-vary-origin.md).
    defaultSeverity: 'info',
    environments: { production: 'off', development: 'off' },
    description:
      "The controller echoes the request Origin without `Vary: Origin`: shared caches can serve one origin's response to another.",
    fixable: false,
    docs: {
      summary: 'origins are echoed and the controller never sends `Vary: Origin` (off until turned on)',
      severity: 'off; `info` when turned on',
    },
    kind: 'semantic',
    messages: {
      noVary: 'Origin echoed without `Vary: Origin`: shared caches can serve it to other origins.',
    },
  },
  create(ctx) {
    return {
      policy(p) {
        // A fixed configured origin (acaoFixed) does not vary by Origin: no Vary is needed.
        if (p.acaoMode !== 'echo' || p.varyOrigin || p.acaoFixed || listedOrigins(p).length === 0) return;
        // A controller that can add the header (Traefik's `addVaryHeader`) has a rule about that setting, with a fix.
        const vary = p.profile.vary;
        if (vary.kind !== 'never') return;
        const message =
          `${ControllerName(p)} echoes the request Origin in \`Access-Control-Allow-Origin\` ${vary.why}: a shared cache (CDN, proxy) ` +
          'can serve the response it stored for one origin (or for a request without an Origin) to another origin, ' +
          'and the browser then blocks that call because `Access-Control-Allow-Origin` names a different origin or is missing.' +
          (vary.backendAdvice ? ' Add `Vary: Origin` in the backend, or keep shared caches from storing these responses.' : '');
        ctx.report({ range: p.fields.origin ? p.fields.origin.value.range : p.anchor, messageId: 'noVary', message });
      },
    };
  },
});
