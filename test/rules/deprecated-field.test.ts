/* Generated from cases with the engine, then reviewed: exact messages, positions, fix titles and fixed text. */
import { ruleTester } from './_ruleTester';

ruleTester('deprecated-field', {
  valid: [
    {
      name: 'Traefik v2 group with controllers.traefik 2.10: served, nothing to say',
      config: { controllers: { traefik: '2.10' } },
      code: `apiVersion: traefik.containo.us/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
`,
    },
    {
      name: 'Istio 1.5 with allowOrigin alone: read',
      config: { controllers: { istio: '1.5' } },
      code: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigin: [https://dashboard.example.com]
      route:
        - destination: { host: loft }
`,
    },
    {
      name: "Traefik v2 group on an object without CORS (an IngressRoute): not this linter's business",
      code: `apiVersion: traefik.containo.us/v1alpha1
kind: IngressRoute
metadata: { name: r }
spec: {}
`,
    },
    {
      name: 'Traefik v2 Middleware without CORS headers (a redirect)',
      code: `apiVersion: traefik.containo.us/v1alpha1
kind: Middleware
metadata: { name: https }
spec:
  redirectScheme:
    scheme: https
`,
    },
    {
      name: 'Traefik v2 Middleware with headers but no accessControl* field',
      code: `apiVersion: traefik.containo.us/v1alpha1
kind: Middleware
metadata: { name: sec }
spec:
  headers:
    frameDeny: true
`,
    },
    {
      name: 'traefik.io/v1alpha1',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    addVaryHeader: true
`,
    },
    {
      name: 'Istio allowOrigins on networking.istio.io/v1alpha3 (still served, not deprecated)',
      code: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Istio v1',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Gateway API v1 HTTPRoute',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  rules:
    - filters:
        - type: CORS
          cors: { allowOrigins: ["https://dashboard.example.com"] }
`,
    },
    {
      name: 'allowOrigin outside an Istio VirtualService',
      code: `ingress:
  enabled: true
allowOrigin: [x]
`,
    },
  ],
  invalid: [
    {
      name: 'Istio 1.5: allowOrigin wins over allowOrigins (no fix: keep one)',
      config: { controllers: { istio: '1.5' } },
      code: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
        allowOrigin: [https://old.example.com]
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message: 'Istio 1.8 and later prefer `allowOrigins`. Keep one of them.',
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 20,
          severity: 'warning',
          fixTitles: [],
        },
      ],
    },
    {
      name: 'Istio 1.7: allowOrigin is not read (unsafe rewrite)',
      config: { controllers: { istio: '1.7' } },
      code: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigin: [https://dashboard.example.com]
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message: 'Istio 1.6 and 1.7 translate only `allowOrigins` (PR istio/istio#22853); 1.8 reads `allowOrigin` again.',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 20,
          severity: 'warning',
          fixTitles: ['Replace with `allowOrigins` and `exact:` entries'],
        },
      ],
      unsafeOutput: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }]
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Traefik v2 group: safe fix to traefik.io',
      code: `apiVersion: traefik.containo.us/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    addVaryHeader: true
`,
      errors: [
        {
          message:
            "`traefik.containo.us/v1alpha1`: Traefik v3 only serves `traefik.io`, so on a Traefik v3 installation this Middleware's CORS headers are never sent. Use `traefik.io/v1alpha1` (Traefik v2.10+ serves both).",
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 41,
          severity: 'warning',
          fixTitles: ['Use `traefik.io/v1alpha1`'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    addVaryHeader: true
`,
    },
    {
      name: 'Traefik v2 group, quoted',
      code: `apiVersion: "traefik.containo.us/v1alpha1"
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    addVaryHeader: true
`,
      errors: [
        {
          message:
            "`traefik.containo.us/v1alpha1`: Traefik v3 only serves `traefik.io`, so on a Traefik v3 installation this Middleware's CORS headers are never sent. Use `traefik.io/v1alpha1` (Traefik v2.10+ serves both).",
          line: 1,
          column: 13,
          endLine: 1,
          endColumn: 43,
          severity: 'warning',
          fixTitles: ['Use `traefik.io/v1alpha1`'],
        },
      ],
      output: `apiVersion: "traefik.io/v1alpha1"
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    addVaryHeader: true
`,
    },
    {
      name: 'Istio allowOrigin, block list: safe fix to allowOrigins with exact entries',
      code: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigin:
          - https://dashboard.example.com
          - "https://admin.example.com"
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            'The Istio docs no longer show it. `allowOrigins` entries are StringMatch objects (`exact:`, `prefix:` or `regex:`). Each `allowOrigin` string is an exact match, so `- exact: <origin>` keeps the meaning.',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 20,
          severity: 'warning',
          fixTitles: ['Replace with `allowOrigins` and `exact:` entries'],
        },
      ],
      output: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
          - exact: "https://admin.example.com"
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Istio allowOrigin, flow list',
      code: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigin: [https://dashboard.example.com, "https://admin.example.com"]
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            'The Istio docs no longer show it. `allowOrigins` entries are StringMatch objects (`exact:`, `prefix:` or `regex:`). Each `allowOrigin` string is an exact match, so `- exact: <origin>` keeps the meaning.',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 20,
          severity: 'warning',
          fixTitles: ['Replace with `allowOrigins` and `exact:` entries'],
        },
      ],
      output: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://dashboard.example.com }, { exact: "https://admin.example.com" }]
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Istio allowOrigin next to allowOrigins: ignored, safe removal',
      code: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
        allowOrigin:
          - "*"
        maxAge: 1h
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message: '`allowOrigin` is also deprecated: remove it.',
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 20,
          severity: 'warning',
          fixTitles: ['Remove the ignored `allowOrigin`'],
        },
      ],
      output: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
        maxAge: 1h
      route:
        - destination: { host: loft }
`,
    },
    {
      name: 'Istio allowOrigin that is not a list: no fix',
      code: `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: platform
spec:
  http:
    - corsPolicy:
        allowOrigin: https://dashboard.example.com
      route:
        - destination: { host: loft }
`,
      errors: [
        {
          message:
            'The Istio docs no longer show it. `allowOrigins` entries are StringMatch objects (`exact:`, `prefix:` or `regex:`). Each `allowOrigin` string is an exact match, so `- exact: <origin>` keeps the meaning.',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 20,
          severity: 'warning',
          fixTitles: [],
        },
      ],
      output: null,
    },
  ],
});
