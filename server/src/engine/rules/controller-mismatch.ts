import { defineRule } from './rule';
import { q } from './_shared';
import { corsEntries } from './_values';
import { CLASS_ANNOTATION, effectiveClassName } from './ingress-class-conflict';
import type { Range } from '../types';
import { PROFILES } from '../policy/profiles';

interface OtherController {
  name: string;
  /** Class-name tokens (split on non-alphanumerics) that name this controller. */
  tokens?: string[];
  /** Substrings for compound names. */
  contains?: string[];
  hint: string;
}

const GENERIC_HINT = "Configure CORS with that controller's own mechanism, or serve it through ingress-nginx.";

/** Ingress classes of controllers other than ingress-nginx (matched case-insensitively). */
export const OTHER_CONTROLLERS: readonly OtherController[] = [
  {
    name: PROFILES.traefik.name,
    tokens: ['traefik'],
    hint:
      'Configure CORS in a Traefik headers Middleware (`accessControlAllowOriginList`, `accessControlAllowMethods`, `accessControlAllowHeaders`, ' +
      '`accessControlAllowCredentials`, `accessControlMaxAge`) and attach it with the annotation ' +
      '`traefik.ingress.kubernetes.io/router.middlewares: "<namespace>-<name>@kubernetescrd"`.',
  },
  {
    name: PROFILES.istio.name,
    tokens: ['istio'],
    hint: 'Configure CORS with `corsPolicy` on the Istio VirtualService that routes to this service.',
  },
  { name: 'the AWS Load Balancer Controller (ALB)', tokens: ['alb'], hint: GENERIC_HINT },
  { name: 'the GKE Ingress controller (GCE)', tokens: ['gce'], hint: GENERIC_HINT },
  { name: 'HAProxy', tokens: ['haproxy'], hint: GENERIC_HINT },
  { name: 'Kong', tokens: ['kong'], hint: GENERIC_HINT },
  { name: 'Contour', tokens: ['contour'], hint: GENERIC_HINT },
  {
    name: 'Azure Application Gateway',
    tokens: ['agic', 'appgw'],
    contains: ['application-gateway', 'applicationgateway'],
    hint: GENERIC_HINT,
  },
  { name: 'the OpenShift router', contains: ['openshift'], hint: GENERIC_HINT },
  { name: 'Emissary-ingress (Ambassador)', tokens: ['ambassador', 'emissary'], hint: GENERIC_HINT },
  { name: 'Skipper', tokens: ['skipper'], hint: GENERIC_HINT },
  { name: 'Cilium', tokens: ['cilium'], hint: GENERIC_HINT },
  { name: 'Apache APISIX', tokens: ['apisix'], hint: GENERIC_HINT },
];

/** The other controller an ingress class names (undefined for nginx classes and unknown names). */
export function otherController(cls: string): OtherController | undefined {
  const lc = cls.toLowerCase();
  // Both the community controller and F5 NGINX use classes with `nginx` in them: not a mismatch we can know.
  if (lc.includes('nginx')) return undefined;
  const tokens = lc.split(/[^a-z0-9]+/).filter(Boolean);
  return OTHER_CONTROLLERS.find((c) => c.tokens?.some((t) => tokens.includes(t)) || c.contains?.some((s) => lc.includes(s)));
}

export default defineRule({
  meta: {
    id: 'controller-mismatch',
    defaultSeverity: 'warning',
    description:
      '`ingressClass` names a controller other than ingress-nginx (Traefik, ALB, Istio, GCE, HAProxy, …) while ingress-nginx CORS annotations are set: they are ignored.',
    fixable: false,
    docs: {
      summary: '`ingressClass` names another controller while nginx CORS annotations are set',
    },
    unnecessary: true,
    kind: 'syntax',
    messages: {
      otherController: "Ingress class {{cls}} is another controller's: CORS annotations are ignored.",
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(t) {
        const cors = corsEntries(t);
        if (cors.length === 0) return;
        let cls: { value: string; range?: Range; label: string } | undefined;
        const field = effectiveClassName(t, ctx.text);
        if (field) {
          // The chart's default class (no range) is nginx's.
          if (!field.range) return;
          cls = { value: field.value, range: field.range, label: t.values ? '`ingress.ingressClass`' : '`spec.ingressClassName`' };
        } else {
          const ann = t.byKey.get(CLASS_ANNOTATION);
          if (ann && ann.value.isString) cls = { value: ann.value.text, range: ann.value.range, label: q(CLASS_ANNOTATION) };
        }
        if (!cls || !cls.range) return;
        const other = otherController(cls.value);
        if (!other) return;
        const names = [...new Set(cors.map((a) => a.key.slice(a.key.lastIndexOf('/') + 1)))].map(q);
        ctx.report({
          range: cls.range,
          messageId: 'otherController',
          data: { cls: q(cls.value) },
          message:
            `${cls.label} is ${q(cls.value)}, so ${other.name} serves this Ingress; it does not read \`${t.prefix}/*\` annotations, ` +
            `so no CORS header is sent for ${names.join(', ')}. ${other.hint}`,
          related: [{ range: cors[0].keyRange, message: 'ingress-nginx CORS annotation set here' }],
        });
      },
    };
  },
});
