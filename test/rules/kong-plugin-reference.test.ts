import { ruleTester } from './_ruleTester';

const F = 'k8s.yaml';
const plugin = (name: string, ns: string | undefined, kind = 'KongPlugin', type = 'cors') => `apiVersion: configuration.konghq.com/v1
kind: ${kind}
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}plugin: ${type}
config:
  origins: ["https://app.example.com"]
---
`;
const ingress = (refs: string, ns = 'apps') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: ${ns}
  annotations:
    konghq.com/plugins: "${refs}"
spec:
  ingressClassName: kong
`;
const service = (refs: string) => `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: apps
  annotations:
    konghq.com/plugins: ${refs}
spec:
  ports: [{ port: 80 }]
`;

ruleTester('kong-plugin-reference', {
  valid: [
    { name: 'resolves to the KongPlugin of the file', code: plugin('cors', 'apps') + ingress('cors'), filename: F },
    { name: 'KongPlugin without namespace', code: plugin('cors', undefined) + ingress('cors'), filename: F },
    {
      name: 'KongClusterPlugin by name, any namespace',
      code: plugin('cors', undefined, 'KongClusterPlugin') + ingress('cors', 'other'),
      filename: F,
    },
    { name: 'spaces and empty entries are dropped', code: plugin('cors', 'apps') + ingress(' ,cors , '), filename: F },
    { name: 'a plugin not in the file (may be elsewhere)', code: plugin('cors', 'apps') + ingress('cors, rate-limiting'), filename: F },
    { name: 'no KongPlugin in the file: silent', code: ingress('corz'), filename: F },
    { name: 'an unreferenced cors plugin (may be used elsewhere)', code: plugin('cors', 'apps') + service('key-auth'), filename: F },
    { name: 'remote reference namespace:name', code: plugin('cors', 'shared') + ingress('shared:cors'), filename: F },
    {
      name: 'a cors plugin and another plugin',
      code: plugin('cors', 'apps') + plugin('limits', 'apps', 'KongPlugin', 'rate-limiting') + ingress('cors,limits'),
      filename: F,
    },
  ],
  invalid: [
    {
      name: 'typo: did you mean',
      code: plugin('cors', 'apps') + ingress('corz'),
      filename: F,
      errors: [
        {
          message:
            'The file declares `cors`, not `corz`; the controller looks names up exactly (a KongPlugin of the namespace, then a KongClusterPlugin). Did you mean `cors`?',
          messageId: 'unknownPlugin',
          data: { ref: '`corz`' },
          line: 16,
          column: 26,
          endColumn: 30,
          severity: 'error',
          fixTitles: ['Reference `cors`'],
        },
      ],
      output: null,
      unsafeOutput: plugin('cors', 'apps') + ingress('cors'),
    },
    {
      name: 'typo in a remote reference keeps the namespace',
      code: plugin('cors-policy', 'shared') + ingress('shared:cors-polcy'),
      filename: F,
      errors: [
        {
          message: /Did you mean `shared:cors-policy`\?$/,
          line: 16,
          column: 26,
          endColumn: 43,
          fixTitles: ['Reference `shared:cors-policy`'],
        },
      ],
      output: null,
      unsafeOutput: plugin('cors-policy', 'shared') + ingress('shared:cors-policy'),
    },
    {
      name: 'two close names: no fix',
      code: plugin('cors-a', 'apps') + plugin('cors-b', 'apps') + ingress('cors-c'),
      filename: F,
      errors: [
        { message: /^The file declares `cors-a`, `cors-b`, not `cors-c`; .*KongClusterPlugin\)\.$/, line: 25, column: 26, fixTitles: [] },
      ],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'wrong namespace',
      code: plugin('cors', 'platform') + ingress('cors'),
      filename: F,
      errors: [
        {
          message:
            'The KongPlugin `cors` of this file is in namespace `platform`, and Ingress/api looks it up in `apps`. Put both in one namespace (a `namespace:name` entry also needs a ReferenceGrant).',
          messageId: 'wrongNamespace',
          data: { ref: '`cors`' },
          line: 16,
          column: 26,
          endColumn: 30,
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'two cors plugins on one Service (plain scalar)',
      code: plugin('cors', 'apps') + plugin('cors-legacy', undefined, 'KongClusterPlugin') + service('cors, cors-legacy'),
      filename: F,
      errors: [
        {
          message:
            'Service/api attaches `cors` and `cors-legacy`, both `plugin: cors`. Kong keeps one plugin of a name per route, service or consumer: the two collide and the controller cannot apply the configuration as written. Merge them into one.',
          messageId: 'twoCors',
          data: { label: 'Service/api' },
          line: 24,
          column: 31,
          endColumn: 42,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
      unsafeOutput: null,
    },
  ],
});
