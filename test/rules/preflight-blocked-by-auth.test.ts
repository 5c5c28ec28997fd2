import { ruleTester } from './_ruleTester';

const values = (ann: Record<string, string>) =>
  `ingress:\n  enabled: true\n  host: platform.example.com\n  annotations:\n${Object.entries(ann)
    .map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n`;
const CORS = { 'enable-cors': 'true', 'cors-allow-origin': 'https://app.example.com' };

const traefik = (order: string[], route = 'ingressroute') => `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: cors, namespace: apps }
spec:
  headers:
    accessControlAllowOriginList: ["https://app.example.com"]
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: auth, namespace: apps }
spec:
  basicAuth: { secret: users }
---
${
  route === 'ingressroute'
    ? `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: { name: api, namespace: apps }
spec:
  routes:
    - match: Host(\`api.example.com\`)
      kind: Rule
      middlewares:
${order.map((n) => `        - name: ${n}`).join('\n')}
      services: [{ name: api, port: 80 }]`
    : `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: apps
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: "${order.map((n) => `apps-${n}@kubernetescrd`).join(',')}"
spec:
  ingressClassName: traefik`
}
`;

const istio = (rules: string, action = '') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: apps }
spec:
  hosts: [api.example.com]
  http:
    - corsPolicy:
        allowOrigins: [{ exact: "https://app.example.com" }]
      route: [{ destination: { host: api } }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: require-jwt, namespace: apps }
spec:
${action}  rules:
${rules}`;

ruleTester('preflight-blocked-by-auth', {
  valid: [
    { name: 'enable-cors answers the preflight before auth-url', code: values({ ...CORS, 'auth-url': 'https://auth.example.com/check' }) },
    {
      name: 'enable-cors answers the preflight before basic auth',
      code: values({ ...CORS, 'auth-type': 'basic', 'auth-secret': 'users' }),
    },
    { name: 'auth-tls optional', code: values({ ...CORS, 'auth-tls-secret': 'ns/ca', 'auth-tls-verify-client': 'optional_no_ca' }) },
    { name: 'auth-tls off', code: values({ ...CORS, 'auth-tls-secret': 'ns/ca', 'auth-tls-verify-client': 'off' }) },
    { name: 'auth-tls-verify-client without a secret does nothing', code: values({ ...CORS, 'auth-tls-verify-client': 'on' }) },
    { name: 'auth-url without any CORS: nothing to say', code: values({ 'auth-url': 'https://auth.example.com/check' }) },
    {
      name: 'hand-written CORS that answers OPTIONS itself',
      code: values({
        'configuration-snippet':
          "more_set_headers 'Access-Control-Allow-Origin: $http_origin';\nif ($request_method = OPTIONS) { return 204; }",
        'auth-url': 'https://auth.example.com/check',
      }),
    },
    { name: 'Traefik: CORS middleware first', code: traefik(['cors', 'auth']), filename: 'traefik.yaml' },
    { name: 'Traefik annotation: CORS middleware first', code: traefik(['cors', 'auth'], 'ingress'), filename: 'traefik.yaml' },
    { name: 'Traefik: auth middleware of another router', code: traefik(['auth']), filename: 'traefik.yaml' },
    {
      name: 'Istio: an ALLOW rule for OPTIONS',
      code: istio(`    - from: [{ source: { requestPrincipals: ["*"] } }]\n    - to: [{ operation: { methods: ["OPTIONS"] } }]\n`),
      filename: 'istio.yaml',
    },
    {
      name: 'Istio: DENY without a principal, except OPTIONS',
      code: istio(
        `    - from: [{ source: { notRequestPrincipals: ["*"] } }]\n      to: [{ operation: { notMethods: ["OPTIONS"] } }]\n`,
        '  action: DENY\n',
      ),
      filename: 'istio.yaml',
    },
    {
      name: 'Istio: a JWT policy for other hosts',
      code: istio(`    - from: [{ source: { requestPrincipals: ["*"] } }]\n      to: [{ operation: { hosts: ["admin.example.com"] } }]\n`),
      filename: 'istio.yaml',
    },
  ],
  invalid: [
    {
      name: 'auth-tls-verify-client on',
      code: values({ ...CORS, 'auth-tls-secret': 'ns/ca', 'auth-tls-verify-client': 'on' }),
      errors: [{ message: /^`auth-tls-verify-client` is `on`: nginx answers/, line: 8, column: 57, severity: 'warning' }],
    },
    {
      name: 'auth-tls-secret alone: verify-client defaults to on',
      code: values({ ...CORS, 'auth-tls-secret': 'ns/ca' }),
      errors: [{ message: /is `on` \(its default once `auth-tls-secret` is set\)/, line: 7, column: 50, severity: 'warning' }],
    },
    {
      name: 'auth-url + auth-signin with enable-cors: the sign-in redirect',
      code: values({ ...CORS, 'auth-url': 'https://auth.example.com/check', 'auth-signin': 'https://auth.example.com/start' }),
      errors: [
        {
          message:
            '`auth-signin` answers a request without a valid session with a redirect to `https://auth.example.com/start`. fetch() follows it to the sign-in origin, whose page carries no CORS headers, so the app gets a network error instead of a 401 it could handle (real nginx and Chromium: docs/reference/auth.md). Keep `auth-signin` on the Ingress of the pages people open, and serve the API called cross-origin from an Ingress (or path) without it: a 401 there carries the CORS headers.',
          messageId: 'signinRedirect',
          line: 8,
          column: 46,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'hand-written CORS in a snippet, auth-url in front',
      code: values({
        'configuration-snippet': "more_set_headers 'Access-Control-Allow-Origin: $http_origin';",
        'auth-url': 'https://auth.example.com/check',
      }),
      errors: [
        {
          message:
            'The CORS headers are hand-written in a snippet that does not answer OPTIONS itself, so the preflight reaches `auth-url`. A browser sends the preflight without cookies or `Authorization`, so the auth service cannot accept it: the preflight gets 401 and the browser never sends the actual request (a PUT, a JSON POST, anything with `Authorization` or credentials); the page sees a CORS error. Answer OPTIONS before authentication: `enable-cors: "true"` with the allowed origins (ingress-nginx\'s 204 runs before auth), or `if ($request_method = OPTIONS) { return 204; }` in the snippet.',
          messageId: 'preflightBlocked',
          data: { auth: 'External auth' },
          line: 6,
          column: 43,
          severity: 'error',
        },
      ],
    },
    {
      name: 'hand-written CORS, basic auth',
      code: values({
        'server-snippet': 'add_header Access-Control-Allow-Origin https://app.example.com always;',
        'auth-type': 'basic',
        'auth-secret': 'users',
      }),
      errors: [
        {
          message:
            /^The CORS headers are hand-written in a snippet that does not answer OPTIONS itself, so the preflight reaches `auth-type: basic`/,
          line: 6,
          column: 44,
        },
      ],
    },
    {
      name: 'enable-cors with no origin left, auth-url',
      code: values({ 'enable-cors': 'true', 'cors-allow-origin': 'not an origin', 'auth-url': 'https://auth.example.com/check' }),
      errors: [{ message: /^The CORS block answers no preflight here \(no origin is left\)/, line: 7, column: 43 }],
    },
    {
      name: 'Traefik IngressRoute: auth before cors',
      code: traefik(['auth', 'cors']),
      filename: 'traefik.yaml',
      errors: [
        {
          message:
            "Traefik runs a router's middlewares in the order listed, and `auth` (basicAuth) comes before the CORS middleware `cors`. A browser sends the preflight without `Authorization`: the preflight gets 401 and the browser never sends the actual request (a PUT, a JSON POST, anything with `Authorization` or credentials); the page sees a CORS error. List the CORS middleware `cors` before `auth` in IngressRoute/api#routes[0]: Traefik's headers middleware answers the preflight itself.",
          messageId: 'preflightBlocked',
          data: { auth: 'Basic auth' },
          line: 22,
          column: 17,
          fixTitles: ['List `cors` before `auth`'],
        },
      ],
      output: null,
      unsafeOutput: traefik(['cors', 'auth']),
    },
    {
      name: 'Traefik Ingress annotation: auth before cors',
      code: traefik(['auth', 'cors'], 'ingress'),
      filename: 'traefik.yaml',
      errors: [
        {
          message: /^Traefik runs a router's middlewares in the order listed/,
          line: 20,
          column: 56,
          fixTitles: ['List `apps-cors@kubernetescrd` before `apps-auth@kubernetescrd`'],
        },
      ],
      output: null,
      unsafeOutput: traefik(['cors', 'auth'], 'ingress'),
    },
    {
      name: 'Traefik IngressRoute with namespaces written: no fix',
      code: traefik(['auth', 'cors']).replace('- name: auth', '- { name: auth, namespace: apps }'),
      filename: 'traefik.yaml',
      errors: [{ message: /^Traefik runs a router's middlewares in the order listed/, line: 22, column: 19, fixTitles: [] }],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'Istio: ALLOW only with a request principal',
      code: istio(`    - from: [{ source: { requestPrincipals: ["*"] } }]\n`),
      filename: 'istio.yaml',
      errors: [
        {
          message:
            '`AuthorizationPolicy/require-jwt` allows only requests with a request principal, and no ALLOW rule lets a token-less OPTIONS through. A browser sends the preflight without `Authorization`, so it carries no token: the preflight gets 403 and the browser never sends the actual request (a PUT, a JSON POST, anything with `Authorization` or credentials); the page sees a CORS error. Let `OPTIONS` through without a token: add an ALLOW rule `to: [{ operation: { methods: ["OPTIONS"] } }]`, or `notMethods: ["OPTIONS"]` on the rule that requires the JWT.',
          messageId: 'preflightBlocked',
          data: { auth: 'JWT authorization' },
          line: 16,
          column: 7,
        },
      ],
    },
    {
      name: 'Istio: DENY without a principal',
      code: istio(`    - from: [{ source: { notRequestPrincipals: ["*"] } }]\n`, '  action: DENY\n'),
      filename: 'istio.yaml',
      errors: [
        { message: /^A DENY rule of `AuthorizationPolicy\/require-jwt` matches requests without a request principal/, line: 17, column: 7 },
      ],
    },
  ],
});
