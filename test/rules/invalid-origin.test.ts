import { ruleTester, values } from './_ruleTester';

const W = 'ingress-nginx validates the annotation as a whole, and on failure uses its default `*`.';
const c = 'nginx.ingress.kubernetes.io/cors-allow-credentials: "false"';

ruleTester('invalid-origin', {
  valid: [
    values(`enable-cors: "true"\ncors-allow-origin: "https://dashboard.example.com"`),
    values(`enable-cors: "true"\ncors-allow-origin: "https://a.com, https://*.example.com, http://localhost:3000"`),
    values(`enable-cors: "true"\ncors-allow-origin: "https://a.com,"`),
    values(`enable-cors: "true"\ncors-allow-origin: "capacitor://localhost"`),
    values(`enable-cors: "true"\ncors-allow-origin: "null"`),
    values(`enable-cors: "true"\ncors-allow-origin: "*"`),
    {
      name: 'folded block scalar without a final newline',
      code: values(`enable-cors: "true"\ncors-allow-origin: >-\n      https://a.com,\n      https://b.com`),
    },
  ],
  invalid: [
    {
      name: 'trailing slash',
      code: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com/"\n${c}`),
      errors: [
        {
          message: `\`https://a.com/\` has a trailing slash (browsers send the origin without one): ${W}`,
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 67,
          severity: 'error',
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com"\n${c}`),
    },
    {
      name: 'path in one entry of a list, single quotes kept',
      code: values(`enable-cors: "true"\ncors-allow-origin: 'https://a.com/app, https://b.com'\n${c}`),
      errors: [
        {
          message: `\`https://a.com/app\` has a path, query or fragment (\`/app\`); an origin is only scheme://host[:port]: ${W}`,
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 70,
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: 'https://a.com, https://b.com'\n${c}`),
    },
    {
      name: 'upper-case scheme, plain scalar',
      code: values(`enable-cors: "true"\ncors-allow-origin: HTTPS://a.com\n${c}`),
      errors: [
        {
          message: `\`HTTPS://a.com\` has an upper-case scheme (ingress-nginx accepts only lower-case schemes): ${W}`,
          line: 6,
          column: 52,
          endLine: 6,
          endColumn: 65,
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: https://a.com\n${c}`),
    },
    {
      name: 'space-separated list: no origin left',
      code: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com https://b.com"\n${c}`),
      errors: [
        {
          message:
            '`https://a.com https://b.com` separates origins with spaces, but ingress-nginx only splits on commas: ingress-nginx skips it, and with no origin left it sends no CORS headers at all.',
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 80,
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com, https://b.com"\n${c}`),
    },
    {
      name: 'semicolons',
      code: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com;https://b.com"\n${c}`),
      errors: [
        {
          message: `\`https://a.com;https://b.com\` separates origins with semicolons, but ingress-nginx only splits on commas: ${W}`,
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 80,
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com, https://b.com"\n${c}`),
    },
    {
      name: 'inner quotes',
      code: values(`enable-cors: "true"\ncors-allow-origin: "'https://a.com'"\n${c}`),
      errors: [{ message: `\`'https://a.com'\` contains quote characters: ${W}`, line: 6, column: 53, endLine: 6, endColumn: 68 }],
      output: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com"\n${c}`),
    },
    {
      name: 'literal block scalar keeps a line break',
      code: values(`enable-cors: "true"\ncors-allow-origin: |\n      https://a.com\n      https://b.com\n${c}`),
      errors: [
        { message: `cors-allow-origin is a block scalar that keeps a line break: ${W}`, line: 6, column: 52, endLine: 8, endColumn: 20 },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com, https://b.com"\n${c}`),
    },
    {
      name: 'no scheme next to a good origin: entry skipped, unsafe fix only',
      code: values(`enable-cors: "true"\ncors-allow-origin: "dashboard.example.com, https://b.com"\n${c}`),
      errors: [
        {
          message: '`dashboard.example.com` has no scheme (write `https://dashboard.example.com`): ingress-nginx skips this entry.',
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 74,
          fixTitles: ['Add the scheme: `https://dashboard.example.com`'],
        },
      ],
      output: null,
    },
    {
      name: 'only entry without scheme: no CORS headers at all',
      code: values(`enable-cors: "true"\ncors-allow-origin: "dashboard.example.com"\n${c}`),
      errors: [
        {
          message:
            '`dashboard.example.com` has no scheme (write `https://dashboard.example.com`): ingress-nginx skips it, and with no origin left it sends no CORS headers at all.',
          line: 6,
          column: 53,
        },
      ],
      output: null,
    },
    {
      name: 'empty value',
      code: values(`enable-cors: "true"\ncors-allow-origin: ""\n${c}`),
      errors: [{ message: `cors-allow-origin is empty: ${W}`, line: 6, column: 52, endLine: 6, endColumn: 54 }],
      output: null,
    },
    {
      name: 'IPv6 literal',
      code: values(`enable-cors: "true"\ncors-allow-origin: "https://[::1]"\n${c}`),
      errors: [{ message: `\`https://[::1]\` is an IPv6 literal, which ingress-nginx cannot express: ${W}`, line: 6, column: 53 }],
      output: null,
    },
    {
      name: 'wildcard not in the first label',
      code: values(`enable-cors: "true"\ncors-allow-origin: "https://a.*.com, https://b.com"\n${c}`),
      errors: [
        {
          message: '`https://a.*.com` has `*` in a place other than a leading `*.` label: ingress-nginx skips this entry.',
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 68,
        },
      ],
      output: null,
    },
    {
      name: 'validation off: the bad entry is dropped instead of turning into *',
      code: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com/, https://b.com"\n${c}`),
      config: { annotationValidation: false },
      errors: [
        {
          message: '`https://a.com/` has a trailing slash (browsers send the origin without one): ingress-nginx skips this entry.',
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 67,
        },
      ],
      output: values(`enable-cors: "true"\ncors-allow-origin: "https://a.com, https://b.com"\n${c}`),
    },
    {
      name: 'in commonAnnotations',
      code: `ingress:\n  enabled: true\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.com/"\n  ${c}\n`,
      errors: [
        {
          message: `\`https://a.com/\` has a trailing slash (browsers send the origin without one): ${W}`,
          line: 5,
          column: 51,
          endLine: 5,
          endColumn: 65,
        },
      ],
      output: `ingress:\n  enabled: true\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/enable-cors: "true"\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.com"\n  ${c}\n`,
    },
    {
      name: 'vCluster Platform values: `{{ }}` reaches ingress-nginx as written (the chart uses toYaml, not tpl)',
      code: values('enable-cors: "true"\ncors-allow-origin: "https://dashboard.{{ .Values.domain }}"'),
      errors: [
        {
          message:
            '`https://dashboard.{{ .Values.domain }}` holds `{{ }}`, and Helm does not render `{{ }}` inside these values (the chart uses toYaml, not tpl): ingress-nginx validates the annotation as a whole, and on failure uses its default `*`.',
          line: 6,
          column: 53,
        },
      ],
      output: null,
    },
  ],
});
