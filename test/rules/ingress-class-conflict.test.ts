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

const REJECT =
  'and Kubernetes\' Ingress validation refuses `kubernetes.io/ingress.class` next to it ("annotations.kubernetes.io/ingress.class: Invalid value: … can not be set when the class field is also set"). Remove the annotation, or set `ingressClass: ""` to keep only the annotation.';
const byDefault = (cls: string) =>
  `\`ingress.ingressClass\` is not set and defaults to \`${cls}\`, so the chart also writes \`spec.ingressClassName: ${cls}\`, ${REJECT}`;
const written = (cls: string) =>
  `\`ingress.ingressClass\` is \`${cls}\`, so the chart also writes \`spec.ingressClassName: ${cls}\`, ${REJECT}`;
const CORS = 'enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"';
const withClass = (cls: string, ann: string) =>
  `ingress:\n  enabled: true\n  ingressClass: ${cls}\n  annotations:\n    kubernetes.io/ingress.class: ${ann}\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n`;

ruleTester('ingress-class-conflict', {
  valid: [
    { name: 'seed example', code: SEED },
    { name: 'ingressClass "" keeps only the annotation', code: withClass('""', 'nginx') },
    { name: 'ingressClass null removes the chart default', code: withClass('~', 'nginx') },
    { name: 'ingressClass set, no annotation', code: values(CORS).replace('  host:', '  ingressClass: nginx\n  host:') },
    {
      name: 'the annotation on the Service is not the Ingress',
      code: 'service:\n  annotations:\n    kubernetes.io/ingress.class: nginx\n',
    },
  ],
  invalid: [
    {
      name: 'chart default class nginx and the annotation nginx: safe removal',
      code: values(`kubernetes.io/ingress.class: nginx\n${CORS}`),
      errors: [
        {
          message: byDefault('nginx'),
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 32,
          severity: 'error',
          fixTitles: ['Remove the kubernetes.io/ingress.class annotation'],
        },
      ],
      output: values(CORS),
    },
    {
      name: 'explicit class and the annotation in commonAnnotations',
      code: 'ingress:\n  enabled: true\n  ingressClass: "nginx"\ncommonAnnotations:\n  kubernetes.io/ingress.class: "nginx"\n  team: platform\n',
      errors: [{ message: written('nginx'), line: 5, column: 3, endLine: 5, endColumn: 30 }],
      output: 'ingress:\n  enabled: true\n  ingressClass: "nginx"\ncommonAnnotations:\n  team: platform\n',
    },
    {
      name: 'the annotation names another class: both repairs are offered, none applied automatically',
      code: values(`kubernetes.io/ingress.class: traefik\n${CORS}`),
      errors: [
        {
          message: byDefault('nginx'),
          line: 5,
          column: 5,
          fixTitles: [
            'Remove the kubernetes.io/ingress.class annotation (keep class `nginx`)',
            'Use class `traefik` in ingress.ingressClass and remove the annotation',
          ],
        },
      ],
      output: null,
    },
    {
      name: 'written class differs from the annotation',
      code: withClass('"nginx-internal"', 'traefik'),
      errors: [
        {
          message: written('nginx-internal'),
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 32,
          fixTitles: [
            'Remove the kubernetes.io/ingress.class annotation (keep class `nginx-internal`)',
            'Use class `traefik` in ingress.ingressClass and remove the annotation',
          ],
        },
      ],
      output: null,
    },
    {
      name: 'the only annotation: the map is left empty',
      code: 'ingress:\n  enabled: true\n  annotations:\n    kubernetes.io/ingress.class: nginx\n  tls:\n    enabled: true\n',
      errors: [{ message: byDefault('nginx'), line: 4, column: 5 }],
      output: 'ingress:\n  enabled: true\n  annotations:\n  tls:\n    enabled: true\n',
    },
    {
      name: 'development files too',
      env: 'development',
      code: withClass('nginx', 'nginx'),
      errors: [{ message: written('nginx'), line: 5, column: 5, severity: 'error' }],
      output: 'ingress:\n  enabled: true\n  ingressClass: nginx\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n',
    },
  ],
});
