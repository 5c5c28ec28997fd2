/**
 * The ingress-nginx model: annotation values in → what the controller sends (shared/reference/ingress-nginx.md §1).
 * Each case is derived from the verbatim regexes, the validator/parse/re-check pipeline and the defaults.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';
import { DEFAULT_CONFIG } from '../../server/src/engine/config/config';
import { doubleQuoted } from '../../server/src/engine/fix/edits';

const ANY = ['*'];
const DM = 'GET, PUT, POST, DELETE, PATCH, OPTIONS';
const DH = 'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization';

interface Case {
  name: string;
  ann: Record<string, string | { raw: string }>;
  validation?: boolean;
  enabled?: boolean;
  origins?: string[];
  credentials?: boolean;
  methods?: string;
  headers?: string;
  expose?: string;
  maxAge?: number;
  note?: RegExp;
}

const on = { 'enable-cors': 'true' };
const o = (v: string | { raw: string }, extra: Record<string, string | { raw: string }> = {}) => ({
  ...on,
  'cors-allow-origin': v,
  ...extra,
});

const cases: Case[] = [
  // cors-allow-origin
  { name: 'origin missing → *', ann: on, origins: ANY, note: /not set: ingress-nginx allows any origin/ },
  { name: 'origin *', ann: o('*'), origins: ANY },
  { name: 'one origin', ann: o('https://a.com'), origins: ['https://a.com'] },
  { name: 'two origins', ann: o('https://a.com, https://b.com'), origins: ['https://a.com', 'https://b.com'] },
  { name: 'trailing comma ignored', ann: o('https://a.com,https://b.com,'), origins: ['https://a.com', 'https://b.com'] },
  { name: 'empty element ignored', ann: o('https://a.com,,https://b.com'), origins: ['https://a.com', 'https://b.com'] },
  { name: 'trailing slash → whole list *', ann: o('https://a.com/, https://b.com'), origins: ANY, note: /rejects the whole value/ },
  { name: 'path → *', ann: o('https://a.com/app'), origins: ANY },
  { name: 'upper-case scheme → *', ann: o('HTTPS://a.com'), origins: ANY },
  { name: 'wildcard subdomain kept', ann: o('https://*.example.com'), origins: ['https://*.example.com'] },
  {
    name: 'wildcard in the middle: validator passes, entry skipped → none',
    ann: o('https://a.*.com'),
    origins: [],
    enabled: false,
    note: /no usable origin/,
  },
  { name: 'null origin kept', ann: o('null'), origins: ['null'] },
  { name: 'origin then * → validator fails → *', ann: o('https://a.com, *'), origins: ANY },
  { name: '* then origin → *', ann: o('*, https://a.com'), origins: ANY },
  { name: 'no scheme: passes the validator, skipped by Parse → none', ann: o('dashboard.example.com'), origins: [], enabled: false },
  { name: 'no scheme next to a good origin: skipped', ann: o('dashboard.example.com, https://b.com'), origins: ['https://b.com'] },
  { name: 'port kept', ann: o('https://a.com:8443'), origins: ['https://a.com:8443'] },
  { name: 'wildcard port → *', ann: o('https://a.com:*'), origins: ANY },
  {
    name: 'space-separated: validator passes once spaces are removed, one bad entry → none',
    ann: o('https://a.com https://b.com'),
    origins: [],
    enabled: false,
  },
  { name: 'semicolon-separated → *', ann: o('https://a.com;https://b.com'), origins: ANY },
  { name: 'custom lower-case scheme kept', ann: o('capacitor://localhost'), origins: ['capacitor://localhost'] },
  { name: 'localhost with port kept', ann: o('http://localhost:3000'), origins: ['http://localhost:3000'] },
  { name: 'IPv6 literal → *', ann: o('https://[::1]'), origins: ANY },
  { name: 'underscore in host → *', ann: o('https://my_app.com'), origins: ANY },
  { name: 'empty string → *', ann: o(''), origins: ANY, note: /is empty/ },
  { name: 'spaces only → *', ann: o('   '), origins: ANY },
  { name: 'inner quotes → *', ann: o("'https://a.com'"), origins: ANY },
  { name: 'block scalar keeps a newline → *', ann: o({ raw: '|\n      https://a.com' }), origins: ANY },
  {
    name: 'folded block without newline is fine',
    ann: o({ raw: '>-\n      https://a.com,\n      https://b.com' }),
    origins: ['https://a.com', 'https://b.com'],
  },
  { name: 'scheme with hyphen: skipped → none', ann: o('ftp-x://a.com'), origins: [], enabled: false },
  {
    name: 'validation off: bad entry dropped, good kept',
    ann: o('https://a.com/, https://b.com'),
    validation: false,
    origins: ['https://b.com'],
  },
  { name: 'validation off: * wins', ann: o('https://a.com, *'), validation: false, origins: ANY },
  {
    name: 'validation off: semicolons → one bad entry → none',
    ann: o('https://a.com;https://b.com'),
    validation: false,
    origins: [],
    enabled: false,
  },
  // cors-allow-credentials
  { name: 'credentials default true', ann: o('https://a.com'), credentials: true, note: /defaults it to `true`/ },
  { name: 'credentials false', ann: o('https://a.com', { 'cors-allow-credentials': 'false' }), credentials: false },
  { name: 'credentials False (ParseBool)', ann: o('https://a.com', { 'cors-allow-credentials': 'False' }), credentials: false },
  { name: 'credentials 0', ann: o('https://a.com', { 'cors-allow-credentials': '0' }), credentials: false },
  {
    name: 'credentials no → true',
    ann: o('https://a.com', { 'cors-allow-credentials': 'no' }),
    credentials: true,
    note: /defaults to `true`/,
  },
  { name: 'credentials empty → true', ann: o('https://a.com', { 'cors-allow-credentials': '' }), credentials: true },
  {
    name: 'credentials " false" with validation → true',
    ann: o('https://a.com', { 'cors-allow-credentials': ' false' }),
    credentials: true,
  },
  {
    name: 'credentials " false" without validation → true (parseBool does not trim)',
    ann: o('https://a.com', { 'cors-allow-credentials': ' false' }),
    validation: false,
    credentials: true,
  },
  // enable-cors
  { name: 'enable TRUE', ann: { 'enable-cors': 'TRUE' }, enabled: true },
  { name: 'enable t', ann: { 'enable-cors': 't' }, enabled: true },
  { name: 'enable yes → off', ann: { 'enable-cors': 'yes' }, enabled: false, note: /CORS stays off/ },
  { name: 'enable missing → off', ann: { 'cors-allow-origin': 'https://a.com' }, enabled: false, note: /enable-cors is not set/ },
  { name: 'enable false', ann: { 'enable-cors': 'false' }, enabled: false },
  // cors-allow-methods
  { name: 'methods default', ann: on, methods: DM },
  { name: 'methods kept', ann: { ...on, 'cors-allow-methods': 'GET, POST' }, methods: 'GET, POST' },
  {
    name: 'space before comma → default',
    ann: { ...on, 'cors-allow-methods': 'GET , POST' },
    methods: DM,
    note: /checks it again with its spaces/,
  },
  { name: 'methods trailing comma kept', ann: { ...on, 'cors-allow-methods': 'GET,POST,' }, methods: 'GET,POST,' },
  { name: 'methods * → default', ann: { ...on, 'cors-allow-methods': '*' }, methods: DM },
  { name: 'lower-case methods kept as written', ann: { ...on, 'cors-allow-methods': 'get, patch' }, methods: 'get, patch' },
  { name: 'two spaces → default', ann: { ...on, 'cors-allow-methods': 'GET,  POST' }, methods: DM },
  { name: 'space-only separation kept', ann: { ...on, 'cors-allow-methods': 'GET POST' }, methods: 'GET POST' },
  // cors-allow-headers
  { name: 'headers default', ann: on, headers: DH },
  { name: 'headers kept', ann: { ...on, 'cors-allow-headers': 'Authorization, Content-Type' }, headers: 'Authorization, Content-Type' },
  { name: 'headers * → default', ann: { ...on, 'cors-allow-headers': '*' }, headers: DH },
  { name: 'headers underscore kept', ann: { ...on, 'cors-allow-headers': 'X-Custom_Header' }, headers: 'X-Custom_Header' },
  { name: 'headers dot → default', ann: { ...on, 'cors-allow-headers': 'X.Foo' }, headers: DH },
  // cors-expose-headers
  { name: 'expose default empty', ann: on, expose: '' },
  { name: 'expose *', ann: { ...on, 'cors-expose-headers': '*' }, expose: '*' },
  { name: 'expose list', ann: { ...on, 'cors-expose-headers': 'X-Total-Count, X-Request-Id' }, expose: 'X-Total-Count, X-Request-Id' },
  { name: 'expose semicolon → none', ann: { ...on, 'cors-expose-headers': 'X-A;' }, expose: '' },
  // cors-max-age
  { name: 'max-age default', ann: on, maxAge: 1728000 },
  { name: 'max-age 3600', ann: { ...on, 'cors-max-age': '3600' }, maxAge: 3600 },
  { name: 'max-age -1 accepted by Atoi', ann: { ...on, 'cors-max-age': '-1' }, maxAge: -1 },
  { name: 'max-age +5', ann: { ...on, 'cors-max-age': '+5' }, maxAge: 5 },
  { name: 'max-age 1h → default', ann: { ...on, 'cors-max-age': '1h' }, maxAge: 1728000, note: /falls back to 1728000/ },
  { name: 'max-age empty → default', ann: { ...on, 'cors-max-age': '' }, maxAge: 1728000 },
  { name: 'max-age overflow → default', ann: { ...on, 'cors-max-age': '99999999999999999999' }, maxAge: 1728000 },
  { name: 'max-age leading space with validation → default', ann: { ...on, 'cors-max-age': ' 600' }, maxAge: 1728000 },
  {
    name: 'max-age leading space without validation → default (parseInt does not trim)',
    ann: { ...on, 'cors-max-age': ' 600' },
    validation: false,
    maxAge: 1728000,
  },
  { name: 'enable " true" without validation → off', ann: { 'enable-cors': ' true' }, validation: false, enabled: false },
];

function valuesFile(ann: Case['ann'], enabled = 'true'): string {
  const lines = Object.entries(ann).map(
    ([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${typeof v === 'string' ? doubleQuoted(v) : v.raw}`,
  );
  return `ingress:\n  enabled: ${enabled}\n  host: "platform.example.com"\n  annotations:\n${lines.join('\n')}\n`;
}

for (const c of cases) {
  test(`ingress-nginx policy: ${c.name}`, () => {
    const config = { ...DEFAULT_CONFIG, annotationValidation: c.validation ?? true };
    const r = lintText(valuesFile(c.ann), { filePath: 'vcluster-platform.yaml', config });
    assert.equal(r.policies.length, 1);
    const p = r.policies[0];
    if (c.origins)
      assert.deepEqual(
        p.origins.map((m) => m.value),
        c.origins,
      );
    const enabled = c.enabled ?? (c.ann['enable-cors'] !== undefined ? true : false);
    assert.equal(p.enabled, enabled, 'enabled');
    if (c.credentials !== undefined) assert.equal(p.allowCredentials, c.credentials);
    if (c.methods !== undefined) assert.equal(p.allowMethods, c.methods);
    if (c.headers !== undefined) assert.equal(p.allowHeaders, c.headers);
    if (c.expose !== undefined) assert.equal(p.exposeHeaders, c.expose);
    if (c.maxAge !== undefined) assert.equal(p.maxAge, c.maxAge);
    if (c.note)
      assert.ok(
        p.notes.some((n) => c.note!.test(n)),
        `no note matching ${c.note}: ${JSON.stringify(p.notes)}`,
      );
  });
}

test('ingress-nginx policy: ingress.enabled false renders nothing', () => {
  const r = lintText(valuesFile(o('https://a.com'), 'false'), { filePath: 'vcluster-platform.yaml' });
  const p = r.policies[0];
  assert.equal(p.enabled, false);
  assert.equal(p.configured, true);
  assert.ok(p.notes.some((n) => /renders no Ingress/.test(n)));
});

test('ingress-nginx policy: commonAnnotations win over ingress.annotations (rendered last)', () => {
  const text = `ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.com"\ncommonAnnotations:\n  nginx.ingress.kubernetes.io/cors-allow-origin: "https://b.com"\n`;
  const p = lintText(text, { filePath: 'vcluster-platform.yaml' }).policies[0];
  assert.deepEqual(
    p.origins.map((m) => m.value),
    ['https://b.com'],
  );
});

test('ingress-nginx policy: umbrella chart key vcluster-platform', () => {
  const text = `vcluster-platform:\n  ingress:\n    enabled: true\n    annotations:\n      nginx.ingress.kubernetes.io/enable-cors: "true"\n      nginx.ingress.kubernetes.io/cors-allow-origin: "https://a.com"\n`;
  const p = lintText(text, { filePath: 'values.yaml' }).policies[0];
  assert.deepEqual(
    p.origins.map((m) => m.value),
    ['https://a.com'],
  );
  assert.equal(p.enabled, true);
});

test('ingress-nginx policy: origin entry ranges point at the exact characters', () => {
  const text = valuesFile(o('https://a.com, https://b.com'));
  const p = lintText(text, { filePath: 'vcluster-platform.yaml' }).policies[0];
  assert.deepEqual(
    p.origins.map((m) => text.slice(m.range.start, m.range.end)),
    ['https://a.com', 'https://b.com'],
  );
});
