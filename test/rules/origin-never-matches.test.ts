import { ruleTester, values } from './_ruleTester';

const traefik = (...origins: string[]) => `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: cors
spec:
  headers:
    accessControlAllowOriginList:
${origins.map((o) => `      - ${o}`).join('\n')}
    accessControlAllowMethods: [GET]
    accessControlMaxAge: 600
    addVaryHeader: true
`;
const istio = (...matches: string[]) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: api
spec:
  hosts: [api.example.com]
  http:
    - corsPolicy:
        allowOrigins:
${matches.map((m) => `          - ${m}`).join('\n')}
      route:
        - destination: { host: api }
`;
const T = 'and Traefik compares the Origin with this string character for character.';
const I = 'and Istio compares the Origin with this string character for character.';

ruleTester('origin-never-matches', {
  valid: [
    { name: 'Traefik: serialized origins, `*`, null', code: traefik('https://app.example.com', 'http://localhost:3000', '"*"') },
    {
      name: 'Istio: exact origins, a scheme-only prefix, a host prefix, regex',
      code: istio(
        'exact: https://app.example.com',
        'prefix: "https://"',
        'prefix: https://app.example',
        'regex: "https://.*\\\\.example\\\\.com"',
      ),
    },
    {
      name: 'ingress-nginx parses its entries (invalid-origin speaks there)',
      code: values('enable-cors: "true"\ncors-allow-origin: "app.example.com, https://b.example.com"'),
    },
    {
      name: 'Gateway API validates its entries (schema speaks there)',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://*.example.com"]
      backendRefs: [{ name: api, port: 80 }]
`,
    },
  ],
  invalid: [
    {
      name: 'Traefik: no scheme (with a port): unsafe fix adds https://',
      code: traefik('app.example.com:1717', 'https://b.example.com'),
      errors: [
        {
          message: `\`app.example.com:1717\` has no scheme, ${T} Browsers send \`Origin: https://app.example.com:1717\`. Write \`https://app.example.com:1717\`.`,
          line: 8,
          column: 9,
          endColumn: 29,
          severity: 'error',
          fixTitles: ['Replace with `https://app.example.com:1717`'],
        },
      ],
      output: null,
    },
    {
      name: 'Traefik: trailing slash and upper case: safe fixes',
      code: traefik('https://admin.example.com/', 'https://Docs.example.com'),
      errors: [
        {
          message: `\`https://admin.example.com/\` ends with a slash, ${T} Browsers send \`Origin: https://admin.example.com\`. Write \`https://admin.example.com\`.`,
          line: 8,
          column: 9,
        },
        {
          message: `\`https://Docs.example.com\` has upper-case letters, ${T} Browsers send \`Origin: https://docs.example.com\`. Write \`https://docs.example.com\`.`,
          line: 9,
          column: 9,
        },
      ],
      output: traefik('https://admin.example.com', 'https://docs.example.com'),
    },
    {
      name: 'Traefik: `*` inside a host is a literal character',
      code: traefik('https://*.example.com'),
      errors: [
        {
          message: `\`https://*.example.com\` has a literal \`*\` in the host, ${T} Browsers send a concrete host, such as \`Origin: https://app.example.com\`. List each origin, or use the controller's regular-expression matching.`,
          line: 8,
          column: 9,
          fixTitles: [],
        },
      ],
    },
    {
      name: 'Istio: exact without scheme, a path, a prefix with a path',
      code: istio('exact: app.example.com', 'exact: https://ok.example.com/path', 'prefix: https://app.example.com/'),
      errors: [
        {
          message: `\`app.example.com\` has no scheme, ${I} Browsers send \`Origin: https://app.example.com\`. Write \`https://app.example.com\`.`,
          line: 10,
          column: 20,
        },
        {
          message: `\`https://ok.example.com/path\` has a path, query or fragment (\`/path\`), ${I} Browsers send \`Origin: https://ok.example.com\`. Write \`https://ok.example.com\`.`,
          line: 11,
          column: 20,
        },
        {
          message:
            '`https://app.example.com/` has a path, and Istio checks that the Origin starts with this string, character for character. Browsers send `Origin: https://app.example.com`, which does not start with it. Write the origin as `scheme://host[:port]`.',
          line: 12,
          column: 21,
        },
      ],
      output: null,
    },
  ],
});
