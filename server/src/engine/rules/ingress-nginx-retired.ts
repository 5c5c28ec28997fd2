import { defineRule } from './rule';
import { controllerStatus } from '../migrate/controllers';
import type { EffectivePolicy } from '../types';

/**
 * Once per file: the CORS policy runs on a retired controller (docs/reference/migration.md §1). The lifecycle fact
 * comes from the controller status table, not from the rule.
 */
export default defineRule({
  meta: {
    id: 'ingress-nginx-retired',
    defaultSeverity: 'info',
    description: 'The CORS policy runs on ingress-nginx, which gets no releases or security fixes since March 2026 (once per file).',
    fixable: false,
    kind: 'semantic',
  },
  create(ctx) {
    let first: EffectivePolicy | undefined;
    return {
      policy(p) {
        if (!first && controllerStatus(p.controller).retired) first = p;
      },
      end() {
        if (!first) return;
        const retired = controllerStatus(first.controller).retired!;
        const range = first.fields.enable?.keyRange ?? first.fields.origin?.keyRange ?? first.anchor;
        ctx.report({
          range,
          message:
            `ingress-nginx is retired: no releases or security fixes since ${retired.since}. ` +
            'Existing deployments keep working, but vulnerabilities found from now on stay open. Move this CORS policy to a ' +
            'maintained controller: `vcluster-cors migrate --to gateway-api FILE` (or traefik, istio) writes the new configuration ' +
            'and lists every difference a browser will see; in the editor, use "Migrate CORS to …".',
        });
      },
    };
  },
});
