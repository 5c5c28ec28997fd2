import { ruleTester } from './_ruleTester';

const vs = (http: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: api
spec:
  hosts: [api.example.com]
  http:
${http}`;
const route = (http: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: api
spec:
  parentRefs: [{ name: gw }]
  rules:
${http}`;
const CORS = `      corsPolicy:
        allowOrigins:
          - exact: https://app.example.com
`;

ruleTester('cors-not-applied', {
  valid: [
    {
      name: 'Istio: corsPolicy with a route',
      code: vs(`    - match: [{ uri: { prefix: /api } }]\n${CORS}      route:\n        - destination: { host: api }\n`),
    },
    { name: 'Istio: corsPolicy with a redirect', code: vs(`    - redirect: { uri: /v2 }\n${CORS}`) },
    { name: 'Istio: corsPolicy with a delegate', code: vs(`    - delegate: { name: api, namespace: apps }\n${CORS}`) },
    {
      name: 'Gateway API: CORS filter next to backendRefs',
      code: route(
        `    - filters:\n        - type: CORS\n          cors: { allowOrigins: ["https://app.example.com"] }\n      backendRefs: [{ name: api, port: 80 }]\n`,
      ),
    },
    {
      name: 'Gateway API: CORS with a RequestRedirect filter',
      code: route(
        `    - filters:\n        - type: RequestRedirect\n          requestRedirect: { scheme: https }\n        - type: CORS\n          cors: { allowOrigins: ["https://app.example.com"] }\n`,
      ),
    },
  ],
  invalid: [
    {
      name: 'Istio: corsPolicy alone in the first entry, the route in the next',
      code: vs(
        `    - corsPolicy:\n        allowOrigins:\n          - exact: https://app.example.com\n    - match: [{ uri: { prefix: /api } }]\n      route:\n        - destination: { host: api }\n`,
      ),
      errors: [
        {
          message:
            'Without a `route`, `redirect` or `directResponse` in `http[0]`, istiod rejects the VirtualService ("HTTP route, redirect or direct_response is required"). Move `corsPolicy` into `http[1]`, the entry that routes the requests (a corsPolicy only covers the requests its own entry matches).',
          line: 8,
          column: 7,
          endColumn: 17,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'Istio: the only entry has no route',
      code: vs(`    - match: [{ uri: { prefix: /api } }]\n${CORS}`),
      errors: [{ message: /Put `corsPolicy` in the `http` entry that routes the requests/, line: 9, column: 7 }],
    },
    {
      name: 'Gateway API: CORS filter in a rule without backendRefs',
      code: route(
        `    - matches: [{ method: OPTIONS }]\n      filters:\n        - type: CORS\n          cors: { allowOrigins: ["https://app.example.com"] }\n    - backendRefs: [{ name: api, port: 80 }]\n`,
      ),
      errors: [
        {
          message:
            "The rule forwards nothing, so no backend response gets these CORS headers (Gateway API conformance, HTTPRouteNoBackendRefs, requires a 500 for its requests). Move the filter into `rules[1]`, the rule with `backendRefs` (a filter only applies to its own rule's requests).",
          line: 10,
          column: 17,
        },
      ],
    },
  ],
});
