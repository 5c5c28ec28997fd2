import { ruleTester } from './_ruleTester';

const MW = (name: string, ns?: string) => `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
  headers:
    accessControlAllowOriginList: ["https://app.example.com"]
---
`;
const ingress = (refs: string, ns = 'apps') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: ${ns}
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: "${refs}"
spec:
  ingressClassName: traefik
`;
const route = (item: string, ns = 'apps') => `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: { name: api, namespace: ${ns} }
spec:
  routes:
    - match: Host(\`api.example.com\`)
      kind: Rule
      middlewares:
        - ${item}
      services: [{ name: api, port: 80 }]
`;
const values = (refs: string) => `ingress:
  enabled: true
  ingressClass: traefik
  host: platform.example.com
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: "${refs}"
`;

ruleTester('traefik-middleware-reference', {
  valid: [
    { name: 'resolves to the Middleware of the file', code: MW('cors', 'apps') + ingress('apps-cors@kubernetescrd'), filename: 'k8s.yaml' },
    { name: 'Middleware without namespace', code: MW('cors') + ingress('apps-cors@kubernetescrd'), filename: 'k8s.yaml' },
    { name: 'Middleware not in the file', code: ingress('auth-system-oauth@kubernetescrd, apps-cors@kubernetescrd'), filename: 'k8s.yaml' },
    { name: 'another provider', code: ingress('cors@file'), filename: 'k8s.yaml' },
    { name: 'values file, well formed', code: values('vcluster-platform-cors@kubernetescrd') },
    { name: 'IngressRoute, same namespace', code: MW('cors', 'apps') + route('name: cors'), filename: 'k8s.yaml' },
    { name: 'IngressRoute, cross-provider name', code: route('name: cors@file'), filename: 'k8s.yaml' },
  ],
  invalid: [
    {
      name: 'no provider',
      code: MW('cors', 'apps') + ingress('cors'),
      filename: 'k8s.yaml',
      errors: [
        {
          message:
            'In `traefik.ingress.kubernetes.io/router.middlewares` a name without `@provider` is looked up in the Ingress provider, which has no Middlewares. A Middleware CRD is `<namespace>-<name>@kubernetescrd`: `apps-cors@kubernetescrd`.',
          messageId: 'noProvider',
          data: { ref: '`cors`' },
          line: 16,
          column: 56,
          endColumn: 60,
          severity: 'error',
          fixTitles: ['Reference `apps-cors@kubernetescrd`'],
        },
      ],
      output: null,
      unsafeOutput: MW('cors', 'apps') + ingress('apps-cors@kubernetescrd'),
    },
    {
      name: 'no namespace, in a values file (namespace unknown: no fix)',
      code: values('cors@kubernetescrd'),
      errors: [{ message: /names no namespace, so it matches none\.$/, line: 6, column: 56, fixTitles: [] }],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'wrong namespace for the Middleware of the file',
      code: MW('cors', 'platform') + ingress('apps-cors@kubernetescrd, apps-auth@kubernetescrd'),
      filename: 'k8s.yaml',
      errors: [
        {
          message: 'The Middleware `cors` of this file is in namespace `platform`: the reference is `platform-cors@kubernetescrd`.',
          messageId: 'wrongNamespace',
          data: { ref: '`apps-cors@kubernetescrd`' },
          line: 16,
          column: 56,
          fixTitles: ['Reference `platform-cors@kubernetescrd`'],
        },
      ],
      output: null,
      unsafeOutput: MW('cors', 'platform') + ingress('platform-cors@kubernetescrd, apps-auth@kubernetescrd'),
    },
    {
      name: 'IngressRoute: the Middleware is in another namespace',
      code: MW('cors', 'platform') + route('name: cors'),
      filename: 'k8s.yaml',
      errors: [
        {
          message: /looks in namespace `apps` \(the IngressRoute's own\), but the Middleware `cors` of this file is in `platform`/,
          line: 18,
          column: 17,
        },
      ],
    },
    {
      name: 'IngressRoute: cross-namespace reference',
      code: MW('cors', 'platform') + route('{ name: cors, namespace: platform }'),
      filename: 'k8s.yaml',
      errors: [
        {
          message: /Traefik refuses cross-namespace references unless/,
          messageId: 'crossNamespace',
          data: { ref: '`cors`' },
          line: 18,
          column: 19,
          severity: 'warning',
        },
      ],
    },
  ],
});
