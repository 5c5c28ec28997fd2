/* Generated from cases with the engine, then reviewed: exact messages, positions, fix titles and fixed text. */
import { ruleTester } from './_ruleTester';

ruleTester('missing-vary-header', {
  valid: [
    {
      name: 'list with addVaryHeader: true',
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
      name: '`*` without credentials is a literal `*` (static, needs no Vary)',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: ["*"]
`,
    },
    {
      name: 'no origin listed: no ACAO at all',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowMethods: [GET]
`,
    },
    {
      name: 'addVaryHeader as a YAML 1.1 boolean (`yes`)',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex: ['^https://a\\.example\\.com$']
    addVaryHeader: yes
`,
    },
    {
      name: 'Istio cannot add Vary (no-vary-origin reports it)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: v }
spec:
  http:
    - corsPolicy:
        allowOrigins: [{ exact: https://a.example.com }]
`,
    },
  ],
  invalid: [
    {
      name: 'origin list, addVaryHeader missing: safe fix adds it',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList:
      - https://dashboard.example.com
    accessControlAllowCredentials: true
    accessControlMaxAge: 600
`,
      errors: [
        {
          message:
            "Traefik echoes the matching request Origin in `Access-Control-Allow-Origin` with the user's credentials (cookies), but `addVaryHeader` is not set, so responses carry no `Vary: Origin`: a shared cache (CDN, proxy) can serve the response stored for one origin to another, and the browser then blocks the call. Set `addVaryHeader: true`.",
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 33,
          severity: 'warning',
          fixTitles: ['Add addVaryHeader: true'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList:
      - https://dashboard.example.com
    accessControlAllowCredentials: true
    accessControlMaxAge: 600
    addVaryHeader: true
`,
    },
    {
      name: 'regex list, addVaryHeader: false: safe fix sets true',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex: ['^https://[a-z]+\\.example\\.com$']
    addVaryHeader: false
`,
      errors: [
        {
          message:
            'Traefik echoes the matching request Origin in `Access-Control-Allow-Origin`, but `addVaryHeader` is `false`, so responses carry no `Vary: Origin`: a shared cache (CDN, proxy) can serve the response stored for one origin to another, and the browser then blocks the call. Set `addVaryHeader: true`.',
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 25,
          severity: 'warning',
          fixTitles: ['Set addVaryHeader: true'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginListRegex: ['^https://[a-z]+\\.example\\.com$']
    addVaryHeader: true
`,
    },
    {
      name: '`*` with credentials echoes every Origin',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: ["*"]
    accessControlAllowCredentials: true
`,
      errors: [
        {
          message:
            "`*` with `accessControlAllowCredentials: true` makes Traefik echo every request Origin in `Access-Control-Allow-Origin` with the user's credentials (cookies), but `addVaryHeader` is not set, so responses carry no `Vary: Origin`: a shared cache (CDN, proxy) can serve the response stored for one origin to another, and the browser then blocks the call. Set `addVaryHeader: true`.",
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 33,
          severity: 'warning',
          fixTitles: ['Add addVaryHeader: true'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: ["*"]
    accessControlAllowCredentials: true
    addVaryHeader: true
`,
    },
    {
      name: 'addVaryHeader as a string is not true',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    addVaryHeader: "true"
`,
      errors: [
        {
          message:
            'Traefik echoes the matching request Origin in `Access-Control-Allow-Origin`, but `addVaryHeader` is the string `"true"`, not a boolean, so responses carry no `Vary: Origin`: a shared cache (CDN, proxy) can serve the response stored for one origin to another, and the browser then blocks the call. Set `addVaryHeader: true`.',
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 26,
          severity: 'warning',
          fixTitles: ['Set addVaryHeader: true'],
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
      name: 'flow mapping headers block',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: m }
spec:
  headers: { accessControlAllowOriginList: [https://dashboard.example.com] }
`,
      errors: [
        {
          message:
            'Traefik echoes the matching request Origin in `Access-Control-Allow-Origin`, but `addVaryHeader` is not set, so responses carry no `Vary: Origin`: a shared cache (CDN, proxy) can serve the response stored for one origin to another, and the browser then blocks the call. Set `addVaryHeader: true`.',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 42,
          severity: 'warning',
          fixTitles: ['Add addVaryHeader: true'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: m }
spec:
  headers:
    accessControlAllowOriginList: [https://dashboard.example.com]
    addVaryHeader: true
`,
    },
    {
      name: 'development files too',
      env: 'development',
      code: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [http://localhost:3000]
`,
      errors: [
        {
          message:
            'Traefik echoes the matching request Origin in `Access-Control-Allow-Origin`, but `addVaryHeader` is not set, so responses carry no `Vary: Origin`: a shared cache (CDN, proxy) can serve the response stored for one origin to another, and the browser then blocks the call. Set `addVaryHeader: true`.',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 33,
          severity: 'warning',
          fixTitles: ['Add addVaryHeader: true'],
        },
      ],
      output: `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
spec:
  headers:
    accessControlAllowOriginList: [http://localhost:3000]
    addVaryHeader: true
`,
    },
  ],
});
