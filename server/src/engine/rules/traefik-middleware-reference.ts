/**
 * traefik-middleware-reference: a router's middleware reference Traefik cannot resolve — so the CORS (or auth)
 * middleware never runs, and Traefik answers the router with 404 (it drops a router whose middleware is missing).
 *
 *  - `traefik.ingress.kubernetes.io/router.middlewares` (an Ingress, or a values file's `ingress.annotations`):
 *    each entry must be `<namespace>-<name>@kubernetescrd` for a Middleware CRD; when that Middleware is in the
 *    linted file, namespace and name must match it.
 *  - An IngressRoute's `middlewares`: the Middleware of the file must be in the namespace the entry names (its own
 *    namespace when none is written); another namespace needs `allowCrossNamespace` on the CRD provider (off by
 *    default).
 *
 * Facts: docs/reference/auth.md (Traefik references).
 */
import type { ParsedDocument } from '../types';
import { defineRule, type RuleContext } from './rule';
import { fix, replace } from '../fix/edits';
import {
  parseCrdRef,
  ROUTER_MIDDLEWARES,
  traefikWiring,
  type TraefikMiddlewareRef,
  type TraefikRouter,
  type TraefikWiring,
} from '../targets/traefikRouters';

function checkAnnotation(ctx: RuleContext, w: TraefikWiring, r: TraefikRouter, ref: TraefikMiddlewareRef): void {
  const { ref: key, provider } = parseCrdRef(ref.text);
  const byName = w.middlewares.filter((m) => key === m.name || key.endsWith(`-${m.name}`));
  const ns = (m: (typeof byName)[number]) => m.namespace ?? r.namespace;
  const suggestion = byName.length === 1 && ns(byName[0]) ? `${ns(byName[0])}-${byName[0].name}@kubernetescrd` : undefined;
  const fixes = suggestion && suggestion !== ref.text ? [fix(`Reference \`${suggestion}\``, [replace(ref.range, suggestion)], false)] : [];
  if (provider === undefined) {
    ctx.report({
      range: ref.range,
      messageId: 'noProvider',
      data: { ref: `\`${ref.text}\`` },
      message:
        `In \`${ROUTER_MIDDLEWARES}\` a name without \`@provider\` is looked up in the Ingress provider, which has no Middlewares. ` +
        `A Middleware CRD is \`<namespace>-<name>@kubernetescrd\`${suggestion ? `: \`${suggestion}\`` : ''}.`,
      fixes,
    });
    return;
  }
  if (provider !== 'kubernetescrd') return;
  if (!key.includes('-')) {
    ctx.report({
      range: ref.range,
      messageId: 'noNamespace',
      data: { ref: `\`${ref.text}\`` },
      message: `A Middleware CRD is registered as \`<namespace>-<name>@kubernetescrd\`${suggestion ? `: \`${suggestion}\`` : ''}; \`${ref.text}\` names no namespace, so it matches none.`,
      fixes,
    });
    return;
  }
  // Checked only against the Middlewares of the file (the namespace/name split is ambiguous with dashes).
  if (byName.length === 0 || byName.some((m) => (m.namespace !== undefined ? key === `${m.namespace}-${m.name}` : true))) return;
  const m = byName[0];
  ctx.report({
    range: ref.range,
    messageId: 'wrongNamespace',
    data: { ref: `\`${ref.text}\`` },
    message: `The Middleware \`${m.name}\` of this file is in namespace \`${m.namespace ?? ''}\`: the reference is \`${m.namespace ?? ''}-${m.name}@kubernetescrd\`.`,
    fixes,
    related: [{ range: m.anchor, message: `Middleware \`${m.name}\` in namespace \`${m.namespace ?? ''}\`` }],
  });
}

function checkIngressRoute(ctx: RuleContext, w: TraefikWiring, r: TraefikRouter, ref: TraefikMiddlewareRef): void {
  if (!ref.name || ref.name.includes('@')) return;
  const same = w.middlewares.filter((m) => m.name === ref.name);
  if (same.length > 0 && ref.namespace !== undefined && !same.some((m) => m.namespace === undefined || m.namespace === ref.namespace)) {
    const m = same[0];
    ctx.report({
      range: ref.range,
      messageId: 'wrongNamespace',
      data: { ref: `\`${ref.text}\`` },
      message: `The entry looks in namespace \`${ref.namespace}\`${ref.namespaceWritten ? '' : " (the IngressRoute's own)"}, but the Middleware \`${m.name}\` of this file is in \`${m.namespace ?? ''}\`: add \`namespace: ${m.namespace ?? ''}\`, or move the Middleware.`,
      related: [{ range: m.anchor, message: `Middleware \`${m.name}\` in namespace \`${m.namespace ?? ''}\`` }],
    });
    return;
  }
  if (ref.namespaceWritten && r.namespace !== undefined && ref.namespace !== r.namespace) {
    ctx.report({
      range: ref.range,
      messageId: 'crossNamespace',
      data: { ref: `\`${ref.text}\`` },
      severity: 'warning',
      message:
        `The IngressRoute is in \`${r.namespace}\` and the Middleware in \`${ref.namespace ?? ''}\`: Traefik refuses cross-namespace references ` +
        'unless the CRD provider runs with `providers.kubernetesCRD.allowCrossNamespace=true` (default false). Move the Middleware, or enable it knowingly.',
    });
  }
}

export default defineRule({
  meta: {
    id: 'traefik-middleware-reference',
    defaultSeverity: 'error',
    description:
      'A Traefik router middleware reference that does not resolve: not `<namespace>-<name>@kubernetescrd`, or the wrong namespace for a Middleware of the file.',
    fixable: 'unsafe',
    docs: {
      summary:
        'a `router.middlewares` entry (Ingress or values-file `ingress.annotations`) that is not `<namespace>-<name>@kubernetescrd`, or an entry or IngressRoute `middlewares` item whose Middleware in the file is in another namespace',
      fix: 'writes the reference of the Middleware of the same name in the file',
      severity: '`error`; `warning` for a cross-namespace IngressRoute reference (allowed by a provider setting)',
      controllers: "Traefik (also in a values file's `ingress.annotations`)",
    },
    messages: {
      noProvider: '{{ref}} has no `@provider`: Traefik drops the router (no such middleware).',
      noNamespace: '{{ref}} names no namespace: Traefik drops the router (no such middleware).',
      wrongNamespace: '{{ref}}: wrong namespace, Traefik drops the router (no such middleware).',
      crossNamespace: '{{ref}} is in another namespace: refused unless `allowCrossNamespace` is on.',
    },
    kind: 'syntax',
  },
  create(ctx) {
    const docs: ParsedDocument[] = [];
    return {
      document(d) {
        docs.push(d);
      },
      end() {
        const w = traefikWiring(ctx.text, docs);
        for (const r of w.routers)
          for (const ref of r.refs) {
            if (r.form === 'annotation') checkAnnotation(ctx, w, r, ref);
            else checkIngressRoute(ctx, w, r, ref);
          }
      },
    };
  },
});
