/**
 * The semantic and schema rules on Kong, APISIX and the two HAProxy controllers: the same rules, with each
 * controller's facts (profiles) and its own value syntax in the fixes.
 */
import { ruleTester } from './_ruleTester';

const kong = (config: string) =>
  `apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata:\n  name: cors\nplugin: cors\nconfig:\n${config.replace(/^/gm, '  ')}\n`;
const apisix = (config: string) =>
  `apiVersion: apisix.apache.org/v2\nkind: ApisixPluginConfig\nmetadata:\n  name: cors\nspec:\n  plugins:\n    - name: cors\n      config:\n${config.replace(/^/gm, '        ')}\n`;
const ingress = (ann: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n${ann.replace(/^/gm, '    ')}\n`;
const F = 'manifest.yaml';

ruleTester('wildcard-with-credentials', {
  valid: [
    { name: 'Kong: listed origins with credentials', filename: F, code: kong('origins: [https://a.example.com]\ncredentials: true') },
    {
      name: 'APISIX: listed origins with credentials',
      filename: F,
      code: apisix('allow_origins: "https://a.example.com"\nallow_credential: true\nallow_methods: GET\nallow_headers: Authorization'),
    },
    { name: 'HAProxy Ingress: credentials default to false', filename: F, code: ingress('haproxy-ingress.github.io/cors-enable: "true"') },
    {
      name: 'haproxy.org: only the exact string true counts',
      filename: F,
      code: ingress('haproxy.org/cors-enable: "true"\nhaproxy.org/cors-allow-credentials: "True"'),
    },
  ],
  invalid: [
    {
      name: 'Kong: `*` with credentials echoes any Origin (YAML boolean in the fix)',
      filename: F,
      code: kong('origins: ["*"]\ncredentials: true'),
      errors: [
        {
          message:
            'Kong echoes any Origin together with `Access-Control-Allow-Credentials: true`: config.origins allows any origin (`*`) and config.credentials is `true`.',
          line: 7,
          column: 13,
          endLine: 7,
          endColumn: 16,
          severity: 'error',
          fixTitles: ['Set credentials to false', 'Replace `*` with an explicit origin (https://dashboard.example.com)'],
        },
      ],
      output: null,
      unsafeOutput: kong('origins: ["*"]\ncredentials: false'),
    },
    {
      name: 'APISIX: `**` with allow_credential',
      filename: F,
      code: apisix('allow_origins: "**"\nallow_credential: true\nallow_methods: GET\nallow_headers: "**"'),
      errors: [
        {
          message:
            /^APISIX echoes any Origin together with `Access-Control-Allow-Credentials: true`: spec\.plugins\[0\]\.config\.allow_origins allows any origin \(`\*\*` matches the string `\*`, which APISIX treats as every origin\) and /,
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 27,
          severity: 'error',
          fixTitles: ['Set allow_credential to false', 'Replace `*` with an explicit origin (https://dashboard.example.com)'],
        },
      ],
      output: null,
      unsafeOutput: apisix('allow_origins: "**"\nallow_credential: false\nallow_methods: GET\nallow_headers: "**"'),
    },
    {
      name: 'HAProxy Ingress: a space after the comma voids the list, `*` with credentials echoes (annotation string in the fix)',
      filename: F,
      code: ingress(
        'haproxy-ingress.github.io/cors-enable: "true"\nhaproxy-ingress.github.io/cors-allow-credentials: "true"\nhaproxy-ingress.github.io/cors-allow-origin: "https://a.example.com, https://b.example.com"',
      ),
      errors: [
        {
          message:
            /^HAProxy Ingress echoes any Origin together with `Access-Control-Allow-Credentials: true`: haproxy-ingress\.github\.io\/cors-allow-origin `https:\/\/a\.example\.com, https:\/\/b\.example\.com` is invalid, so HAProxy Ingress falls back to any origin/,
          line: 8,
          column: 50,
          endLine: 8,
          endColumn: 96,
          severity: 'error',
          fixTitles: ['Set cors-allow-credentials to "false"'],
        },
      ],
      output: null,
      unsafeOutput: ingress(
        'haproxy-ingress.github.io/cors-enable: "true"\nhaproxy-ingress.github.io/cors-allow-credentials: "false"\nhaproxy-ingress.github.io/cors-allow-origin: "https://a.example.com, https://b.example.com"',
      ),
    },
    {
      name: 'haproxy.org: literal `*` with credentials (browsers reject it): turning credentials off is safe',
      filename: F,
      code: ingress('haproxy.org/cors-enable: "true"\nhaproxy.org/cors-allow-credentials: "true"'),
      errors: [
        {
          message:
            'cors-allow-origin is not set, so any origin (`*`) is allowed and haproxy.org/cors-allow-credentials is `true`: the HAProxy Kubernetes Ingress Controller sends `Access-Control-Allow-Origin: *` together with `Access-Control-Allow-Credentials: true`, and every browser refuses that combination for credentialed requests.',
          line: 7,
          column: 41,
          endLine: 7,
          endColumn: 47,
          severity: 'error',
          fixTitles: ['Set cors-allow-credentials to "false"'],
        },
      ],
      output: ingress('haproxy.org/cors-enable: "true"\nhaproxy.org/cors-allow-credentials: "false"'),
    },
  ],
});

ruleTester('no-vary-origin', {
  valid: [
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'Kong sends Vary whenever it echoes',
      filename: F,
      code: kong('origins: [https://a.example.com, https://b.example.com]'),
    },
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'APISIX: a listed origin gets Vary',
      filename: F,
      code: apisix('allow_origins: "https://a.example.com,https://b.example.com"'),
    },
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'HAProxy Ingress: one origin is sent as is (nothing varies)',
      filename: F,
      code: ingress('haproxy-ingress.github.io/cors-enable: "true"\nhaproxy-ingress.github.io/cors-allow-origin: "https://a.example.com"'),
    },
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'haproxy.org: literal `*`',
      filename: F,
      code: ingress('haproxy.org/cors-enable: "true"'),
    },
  ],
  invalid: [
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'APISIX: allow_origins_by_regex leaves allow_origins at `*`, so no Vary',
      filename: F,
      code: apisix('allow_origins_by_regex: ["^https://a\\\\.example\\\\.com$"]'),
      errors: [
        {
          message:
            /^APISIX echoes the request Origin in `Access-Control-Allow-Origin` but APISIX adds `Vary: Origin` only when `allow_origins` is not `\*`/,
          line: 9,
          column: 33,
          severity: 'info',
        },
      ],
    },
    {
      config: { rules: { 'no-vary-origin': 'info' } },
      name: 'haproxy.org: a regex origin is echoed without Vary',
      filename: F,
      code: ingress('haproxy.org/cors-enable: "true"\nhaproxy.org/cors-allow-origin: "^https://a\\\\.example\\\\.com$"'),
      errors: [
        {
          message:
            /^The HAProxy Kubernetes Ingress Controller echoes the request Origin .* never sends `Vary: Origin` and has no annotation for it/,
          line: 7,
          column: 36,
          severity: 'info',
        },
      ],
    },
  ],
});

ruleTester('unanchored-origin-regex', {
  valid: [
    { name: 'Kong anchors its regexes itself', filename: F, code: kong('origins: ["https://.*\\\\.example\\\\.com"]') },
    {
      name: 'haproxy.org anchored',
      filename: F,
      code: ingress('haproxy.org/cors-enable: "true"\nhaproxy.org/cors-allow-origin: "^https://a\\\\.example\\\\.com$"'),
    },
  ],
  invalid: [
    {
      name: 'haproxy.org: a plain origin is an unanchored regex',
      filename: F,
      code: ingress('haproxy.org/cors-enable: "true"\nhaproxy.org/cors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message:
            /matches origin regexes with HAProxy `-m reg`, which allows any origin that contains a match, so `https:\/\/a\.example\.com\.evil\.io` is allowed too/,
          line: 7,
          column: 37,
          severity: 'error',
          fixTitles: ['Anchor the regex and escape its dots: `^https://a\\.example\\.com$`'],
        },
      ],
      output: ingress('haproxy.org/cors-enable: "true"\nhaproxy.org/cors-allow-origin: "^https://a\\\\.example\\\\.com$"'),
    },
    {
      name: 'HAProxy Ingress: cors-allow-origin-regex',
      filename: F,
      code: ingress(
        'haproxy-ingress.github.io/cors-enable: "true"\nhaproxy-ingress.github.io/cors-allow-origin-regex: "^https://a\\\\.example\\\\.com"',
      ),
      errors: [
        {
          message:
            /^HAProxy Ingress matches origin regexes with HAProxy `-m reg`, which allows any origin that contains a match, so `https:\/\/a\.example\.com\.evil\.io` is allowed too: add `\$`\./,
          line: 7,
          column: 56,
          severity: 'error',
          fixTitles: ['Anchor the regex with ^…$: `^https://a\\.example\\.com$`'],
        },
      ],
      output: ingress(
        'haproxy-ingress.github.io/cors-enable: "true"\nhaproxy-ingress.github.io/cors-allow-origin-regex: "^https://a\\\\.example\\\\.com$"',
      ),
    },
    {
      name: 'APISIX: allow_origins_by_regex is searched unanchored',
      filename: F,
      code: apisix('allow_origins_by_regex: ["https://.*\\\\.example\\\\.com"]'),
      errors: [
        {
          message: /APISIX matches origin regexes with PCRE `ngx\.re\.find`, which allows any origin that contains a match/,
          line: 9,
          column: 34,
          severity: 'error',
          fixTitles: ['Anchor the regex with ^…$: `^https://.*\\.example\\.com$`'],
        },
      ],
      output: apisix('allow_origins_by_regex: ["^https://.*\\\\.example\\\\.com$"]'),
    },
  ],
});

ruleTester('max-age-exceeds-browser-cap', {
  valid: [{ name: 'haproxy.org: 10m', filename: F, code: ingress('haproxy.org/cors-enable: "true"\nhaproxy.org/cors-max-age: "10m"') }],
  invalid: [
    {
      name: 'Kong: max_age as a number',
      filename: F,
      code: kong('origins: [https://a.example.com]\nmax_age: 86400'),
      errors: [
        {
          message: /^`config\.max_age` `86400`: Kong sends `Access-Control-Max-Age: 86400`/,
          line: 8,
          column: 12,
          severity: 'warning',
          fixTitles: ['Set config.max_age to 7200'],
        },
      ],
      output: kong('origins: [https://a.example.com]\nmax_age: 7200'),
    },
    {
      name: 'HAProxy Ingress: the 86400 default, the fix adds the annotation with the prefix in use',
      filename: F,
      code: ingress('haproxy-ingress.github.io/cors-enable: "true"\nhaproxy-ingress.github.io/cors-allow-origin: "https://a.example.com"'),
      errors: [
        {
          message: /^Without it, HAProxy Ingress sends `Access-Control-Max-Age: 86400`/,
          line: 6,
          column: 5,
          severity: 'warning',
          fixTitles: ['Add cors-max-age: "7200"'],
        },
      ],
      output: ingress(
        'haproxy-ingress.github.io/cors-enable: "true"\nhaproxy-ingress.github.io/cors-allow-origin: "https://a.example.com"\nhaproxy-ingress.github.io/cors-max-age: "7200"',
      ),
    },
  ],
});

ruleTester('schema', {
  partial: true,
  valid: [
    {
      name: 'Kong: a valid plugin',
      filename: F,
      code: kong('origins: [https://a.example.com]\nmethods: [GET, POST]\ncredentials: true\nmax_age: 3600'),
    },
    {
      name: 'HAProxy Ingress: valid values',
      filename: F,
      code: ingress(
        'haproxy-ingress.github.io/cors-enable: "true"\nhaproxy-ingress.github.io/cors-allow-origin: "https://a.example.com,https://b.example.com"',
      ),
    },
  ],
  invalid: [
    {
      name: 'Kong: a lower-case method and an unknown key',
      filename: F,
      code: kong('origin: [https://a.example.com]\nmethods: [GET, patch]'),
      errors: [
        {
          messageId: 'plugin',
          message:
            '`config.origin` is not a field of the cors plugin (did you mean `origins`?): Kong rejects the plugin configuration and the controller cannot apply it.',
          line: 7,
          column: 3,
          severity: 'error',
        },
        { messageId: 'plugin', message: /^`config\.methods\[1\]` `patch` is not one of `GET`/, line: 8, column: 18, severity: 'error' },
      ],
    },
    {
      name: 'APISIX: allow_credential with the `*` defaults',
      filename: F,
      code: apisix('allow_origins: "https://a.example.com"\nallow_credential: true'),
      errors: [
        {
          messageId: 'plugin',
          message:
            '`spec.plugins[0].config.allow_credential` is `true` while allow_methods is not set and defaults to `*`: APISIX rejects the plugin configuration (`check_schema`).',
          line: 10,
          column: 27,
          severity: 'error',
        },
      ],
    },
    {
      name: 'haproxy.org: a max-age that is not a time',
      filename: F,
      code: ingress('haproxy.org/cors-enable: "true"\nhaproxy.org/cors-max-age: "1 hour"'),
      errors: [
        {
          messageId: 'annotation',
          message: /^`haproxy\.org\/cors-max-age`: `1 hour` is not a time/,
          line: 7,
          column: 31,
          severity: 'error',
        },
      ],
    },
  ],
});
