import { ruleTester, values } from './_ruleTester';

const SEED = values(
  `# CORS
enable-cors: "true"
cors-allow-origin: "https://dashboard.example.com"
cors-allow-methods: "GET, POST, PUT, DELETE, PATCH, OPTIONS"
cors-allow-headers: "Authorization, Content-Type"
cors-allow-credentials: "true"
cors-max-age: "3600"`,
  { after: '  tls:\n    enabled: true\n    secret: tls-vcluster-platform\n' },
);

const ALLOW = { allowedOrigins: ['https://dashboard.example.com', 'https://*.apps.example.com'] };
const LIST = 'allowedOrigins permits only `https://dashboard.example.com`, `https://*.apps.example.com`';
const CREDS = " with the user's credentials (cookies)";
const msg = (o: string, list = LIST, who = 'that site', creds = CREDS, echoed = 'it') =>
  `\`${o}\` is not in the configured allow-list (${list}): ingress-nginx echoes ${echoed} back in \`Access-Control-Allow-Origin\`, so ${who} can read the API's responses${creds}.`;

ruleTester('origin-not-allowlisted', {
  valid: [
    { name: 'seed example without allowedOrigins', code: SEED },
    { name: 'no allowedOrigins: nothing is checked', code: values('enable-cors: "true"\ncors-allow-origin: "https://evil.example.net"') },
    { name: 'seed example with a matching allow-list', code: SEED, config: { allowedOrigins: ['https://dashboard.example.com'] } },
    {
      name: 'a wildcard allow-list entry covers one label and the identical wildcard; hosts compare case-insensitively',
      config: ALLOW,
      code: values(
        'enable-cors: "true"\ncors-allow-origin: "https://Dashboard.Example.com, https://ci.apps.example.com, https://*.apps.example.com"',
      ),
    },
    { name: 'CORS off', config: ALLOW, code: values('enable-cors: "false"\ncors-allow-origin: "https://evil.example.net"') },
  ],
  invalid: [
    {
      name: 'an origin outside the list: unsafe removal',
      config: ALLOW,
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, https://evil.example.net"'),
      errors: [
        {
          message: msg('https://evil.example.net'),
          line: 6,
          column: 84,
          endLine: 6,
          endColumn: 108,
          severity: 'error',
          fixTitles: ['Remove `https://evil.example.net`'],
        },
      ],
      output: null,
      unsafeOutput: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
    },
    {
      name: 'the wildcard covers exactly one label: not two, not the apex; ports must match',
      config: ALLOW,
      code: values(
        "enable-cors: 'true'\ncors-allow-origin: 'https://a.b.apps.example.com,https://apps.example.com,https://dashboard.example.com:8443'\ncors-allow-credentials: 'false'",
      ),
      errors: [
        {
          message: msg('https://a.b.apps.example.com', LIST, 'that site', ''),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 81,
          severity: 'error',
        },
        {
          message: msg('https://apps.example.com', LIST, 'that site', ''),
          line: 6,
          column: 82,
          endLine: 6,
          endColumn: 106,
          severity: 'error',
        },
        {
          message: msg('https://dashboard.example.com:8443', LIST, 'that site', ''),
          line: 6,
          column: 107,
          endLine: 6,
          endColumn: 141,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'a wildcard entry is only covered by the identical wildcard',
      config: { allowedOrigins: ['https://app.example.com'] },
      code: values('enable-cors: "true"\ncors-allow-origin: "https://*.example.com"'),
      errors: [
        {
          message: msg(
            'https://*.example.com',
            'allowedOrigins permits only `https://app.example.com`',
            'every matching subdomain',
            CREDS,
            'every matching Origin',
          ),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 74,
          severity: 'error',
          fixTitles: [],
        },
      ],
      output: null,
    },
    {
      name: '`null` is never on an allow-list',
      config: ALLOW,
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com, null"'),
      errors: [
        {
          message: msg('null', LIST, 'any website (from a sandboxed iframe)'),
          line: 6,
          column: 84,
          endLine: 6,
          endColumn: 88,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'written `*`',
      config: ALLOW,
      code: values('enable-cors: "true"\ncors-allow-origin: "*"'),
      errors: [
        {
          message: `\`*\` allows any origin, but ${LIST}: any website can read the API's responses.`,
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 54,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'origin not set: the default `*`',
      config: ALLOW,
      code: values('enable-cors: "true"'),
      errors: [
        {
          message: `cors-allow-origin is not set, so ingress-nginx allows any origin (\`*\`), but ${LIST}: any website can read the API's responses.`,
          line: 5,
          column: 46,
          endLine: 5,
          endColumn: 52,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'an empty allow-list is set: every origin is reported',
      config: { allowedOrigins: [] },
      env: 'development',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"'),
      errors: [
        {
          message: msg('https://dashboard.example.com', 'allowedOrigins is empty'),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 82,
          severity: 'error',
        },
      ],
      output: null,
    },
    {
      name: 'long allow-lists are shortened in the message',
      config: {
        allowedOrigins: [
          'https://a.example.com',
          'https://b.example.com',
          'https://c.example.com',
          'https://d.example.com',
          'https://e.example.com',
        ],
      },
      code: values('enable-cors: "true"\ncors-allow-origin: "https://f.example.com"'),
      errors: [
        {
          message: msg(
            'https://f.example.com',
            'allowedOrigins permits only `https://a.example.com`, `https://b.example.com`, `https://c.example.com` and 2 more',
          ),
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 74,
          severity: 'error',
        },
      ],
      output: null,
    },
  ],
});
