import { defineRule } from './rule';
import { controllerStatus } from '../migrate/controllers';
import { MIGRATION_TARGETS } from '../migrate/writers';
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
    docs: {
      summary:
        'once per file: the CORS policy runs on ingress-nginx, which gets no security fixes since March 2026 ([migrate](#leaving-ingress-nginx))',
      controllers: 'retired controllers (ingress-nginx)',
      fix: 'none in place: the `migrate` command and the editor\'s "Migrate CORS to …" action write the new configuration',
    },
    messages: {
      retired: 'ingress-nginx is retired: no releases or security fixes since {{since}}.',
    },
    kind: 'semantic',
  },
  create(ctx) {
    let first: EffectivePolicy | undefined;
    return {
      policy(p) {
        if (!first && controllerStatus(p.profile.id).retired) first = p;
      },
      end() {
        if (!first) return;
        const retired = controllerStatus(first.profile.id).retired!;
        const range = first.fields.enable?.keyRange ?? first.fields.origin?.keyRange ?? first.anchor;
        ctx.report({ range, messageId: 'retired', data: { since: retired.since }, message: (explanation ??= explain()) });
      },
    };
  },
});

/** The explanation (the same for every file: built once). */
let explanation: string | undefined;
function explain(): string {
  // What `migrate --to` accepts, less the retired controllers.
  const [to, ...others] = MIGRATION_TARGETS.filter((c) => !controllerStatus(c).retired);
  return (
    'Existing deployments keep working, but vulnerabilities found from now on stay open. Move this CORS policy to a ' +
    `maintained controller: \`vcluster-cors migrate --to ${to} FILE\` (or ${others.join(', ')}) writes the new configuration ` +
    'and lists every difference a browser will see; in the editor, use "Migrate CORS to …".'
  );
}
