import { ruleTester, values } from './_ruleTester';

const SEED = `ingress:
  enabled: true
  host: "platform.example.com"
  annotations:
    # CORS
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"
    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, POST, PUT, DELETE, PATCH, OPTIONS"
    nginx.ingress.kubernetes.io/cors-allow-headers: "Authorization, Content-Type"
    nginx.ingress.kubernetes.io/cors-allow-credentials: "true"
    nginx.ingress.kubernetes.io/cors-max-age: "3600"
  tls:
    enabled: true
    secret: tls-vcluster-platform
`;

/** A values file with `ingressClass` on line 3 (value at column 17) and the annotations from line 5. */
const withClass = (cls: string, annotations = 'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"') =>
  values(annotations).replace('  host:', `  ingressClass: ${cls}\n  host:`);

const TWO = '`enable-cors`, `cors-allow-origin`';
const GENERIC = "Configure CORS with that controller's own mechanism, or serve it through ingress-nginx.";
const TRAEFIK =
  'Configure CORS in a Traefik headers Middleware (`accessControlAllowOriginList`, `accessControlAllowMethods`, `accessControlAllowHeaders`, `accessControlAllowCredentials`, `accessControlMaxAge`) and attach it with the annotation `traefik.ingress.kubernetes.io/router.middlewares: "<namespace>-<name>@kubernetescrd"`.';
const served = (label: string, cls: string, by: string, names: string, hint: string) =>
  `${label} is \`${cls}\`, so ${by} serves this Ingress; it does not read \`nginx.ingress.kubernetes.io/*\` annotations, so no CORS header is sent for ${names}. ${hint}`;
const FIELD = '`ingress.ingressClass`';

ruleTester('controller-mismatch', {
  valid: [
    { name: 'seed example (chart default class nginx)', code: SEED },
    { name: 'an nginx class with a suffix', code: withClass('nginx-internal') },
    { name: 'an unknown class name is not guessed at', code: withClass('public') },
    {
      name: 'traefik without ingress-nginx CORS annotations',
      code: withClass('traefik', 'traefik.ingress.kubernetes.io/router.middlewares: "vcluster-platform-cors@kubernetescrd"'),
    },
    { name: 'substrings inside a word do not count (kong in hongkong)', code: withClass('hongkong-edge') },
  ],
  invalid: [
    {
      name: 'traefik: points at the Middleware',
      code: withClass('traefik'),
      errors: [
        { message: served(FIELD, 'traefik', 'Traefik', TWO, TRAEFIK), line: 3, column: 17, endLine: 3, endColumn: 24, severity: 'warning' },
      ],
      output: null,
    },
    {
      name: 'istio, case-insensitive, quoted',
      code: withClass('"Istio"'),
      errors: [
        {
          message: served(
            FIELD,
            'Istio',
            'Istio',
            TWO,
            'Configure CORS with `corsPolicy` on the Istio VirtualService that routes to this service.',
          ),
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 24,
        },
      ],
      output: null,
    },
    {
      name: 'AWS ALB',
      code: withClass('alb', 'enable-cors: "true"'),
      errors: [
        {
          message: served(FIELD, 'alb', 'the AWS Load Balancer Controller (ALB)', '`enable-cors`', GENERIC),
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 20,
        },
      ],
      output: null,
    },
    {
      name: 'GKE class with a suffix',
      code: withClass('gce-internal'),
      errors: [{ message: served(FIELD, 'gce-internal', 'the GKE Ingress controller (GCE)', TWO, GENERIC), line: 3, column: 17 }],
      output: null,
    },
    {
      name: 'Azure Application Gateway',
      code: withClass('azure/application-gateway'),
      errors: [
        {
          message: served(FIELD, 'azure/application-gateway', 'Azure Application Gateway', TWO, GENERIC),
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 42,
        },
      ],
      output: null,
    },
    {
      name: 'OpenShift router',
      code: withClass('openshift-default'),
      errors: [{ message: served(FIELD, 'openshift-default', 'the OpenShift router', TWO, GENERIC), line: 3, column: 17 }],
      output: null,
    },
    {
      name: 'class only in the old annotation (ingressClass ""), CORS keys in commonAnnotations',
      code: 'ingress:\n  enabled: true\n  ingressClass: ""\n  annotations:\n    kubernetes.io/ingress.class: haproxy\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n',
      errors: [
        {
          message: served('`kubernetes.io/ingress.class`', 'haproxy', 'HAProxy', '`enable-cors`', GENERIC),
          line: 5,
          column: 34,
          endLine: 5,
          endColumn: 41,
        },
      ],
      output: null,
    },
    {
      name: 'development files too',
      filename: 'values/dev/vcluster-platform.yaml',
      code: withClass('kong'),
      errors: [{ message: served(FIELD, 'kong', 'Kong', TWO, GENERIC), line: 3, column: 17, severity: 'warning' }],
      output: null,
    },
  ],
});
