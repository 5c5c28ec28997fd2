/**
 * The built CLI (`node server/out/cli.js`) on Traefik, Istio, Gateway API and plain Ingress manifests:
 * folder search by content, exact `policy --format json` output, exact lint diagnostics.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'NODE_OPTIONS']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input: '', env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TRAEFIK = `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: platform-cors
  namespace: vcluster-platform
spec:
  headers:
    accessControlAllowOriginList:
      - https://dashboard.example.com
    accessControlAllowCredentials: true
    accessControlAllowMethods: [GET, POST]
    accessControlAllowHeaders: [Authorization, Content-Type]
    accessControlMaxAge: 600
    addVaryHeader: true
`;
const ISTIO = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vcluster-platform
spec:
  hosts: [platform.example.com]
  http:
    - corsPolicy:
        allowOrigins:
          - exact: https://dashboard.example.com
        allowMethods: [GET, POST]
        allowHeaders: [authorization, content-type]
        maxAge: 10m
      route:
        - destination: { host: loft }
`;
const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: vcluster-platform
spec:
  rules:
    - filters:
        - type: CORS
          cors:
            allowOrigins: ["https://dashboard.example.com"]
            allowMethods: [GET, POST]
            allowHeaders: [Authorization, Content-Type]
            maxAge: 600
      backendRefs:
        - name: loft
          port: 80
`;
const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: loft
  annotations:
    nginx.ingress.kubernetes.io/enable-cors: "true"
    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"
    nginx.ingress.kubernetes.io/cors-allow-headers: "Authorization, Content-Type"
spec:
  ingressClassName: nginx
  rules:
    - host: platform.example.com
`;

let dir = '';
let empty = '';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-controllers-'));
  const w = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  w('manifests/traefik.yaml', TRAEFIK);
  w('manifests/istio.yml', ISTIO);
  w('manifests/route.yaml', ROUTE);
  w('manifests/ingress.yaml', INGRESS);
  // Not CORS manifests: an HTTPRoute without a CORS filter, an Ingress without CORS annotations, a Deployment.
  w(
    'manifests/route-nocors.yaml',
    'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: plain }\nspec:\n  rules:\n    - backendRefs: [{ name: loft, port: 80 }]\n',
  );
  w(
    'manifests/ingress-plain.yaml',
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: plain\n  annotations:\n    nginx.ingress.kubernetes.io/ssl-redirect: "true"\nspec: {}\n',
  );
  w('manifests/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: loft }\n');
  // A chart template without CORS configuration (templates/ is searched by content only).
  w('manifests/templates/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n');
  w('manifests/templates/vcluster-platform.yaml', '{{- if .Values.x }}\nkind: ConfigMap\n{{- end }}\n');
  // Skipped folders and non-YAML files, whatever their content.
  w('node_modules/pkg/traefik.yaml', TRAEFIK);
  w('.git/traefik.yaml', TRAEFIK);
  w('manifests/notes.txt', TRAEFIK);
  w('vcluster-platform.yaml', 'ingress:\n  enabled: true\n  host: platform.example.com\n');
  empty = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-nocors-'));
  fs.writeFileSync(path.join(empty, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: loft }\n');
});

after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(empty, { recursive: true, force: true });
});

test('lint <dir> finds CORS manifests by content, next to values files; templates/ by content only; skips node_modules/, .git/', () => {
  const r = cli(['lint', '.', '--format', 'json'], dir);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0, 'only info and warning findings');
  const out = JSON.parse(r.stdout) as {
    file: string;
    environment: string;
    diagnostics: { ruleId: string; severity: string; line: number; column: number; endLine: number; endColumn: number; fixable: boolean }[];
  }[];
  assert.deepEqual(
    out.map((f) => ({
      file: f.file,
      environment: f.environment,
      diagnostics: f.diagnostics.map(({ ruleId, severity, line, column, endLine, endColumn, fixable }) => ({
        ruleId,
        severity,
        line,
        column,
        endLine,
        endColumn,
        fixable,
      })),
    })),
    [
      {
        file: 'manifests/ingress.yaml',
        environment: 'production',
        diagnostics: [
          { ruleId: 'ingress-nginx-retired', severity: 'info', line: 6, column: 5, endLine: 6, endColumn: 44, fixable: false },
          { ruleId: 'max-age-exceeds-browser-cap', severity: 'warning', line: 6, column: 5, endLine: 6, endColumn: 44, fixable: false },
        ],
      },
      {
        file: 'manifests/istio.yml',
        environment: 'production',
        diagnostics: [],
      },
      {
        file: 'manifests/route.yaml',
        environment: 'production',
        diagnostics: [],
      },
      { file: 'manifests/traefik.yaml', environment: 'production', diagnostics: [] },
      { file: 'vcluster-platform.yaml', environment: 'production', diagnostics: [] },
    ],
  );
});

test('policy --format json: exact output with controller traefik | istio | gateway-api | ingress-nginx', () => {
  const r = cli(['policy', 'manifests', '--format', 'json'], dir);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), [
    {
      file: 'manifests/ingress.yaml',
      policies: [
        {
          controller: 'ingress-nginx',
          source: 'Ingress/loft',
          line: 2,
          enabled: true,
          allowOrigins: ['https://dashboard.example.com'],
          allowCredentials: true,
          allowMethods: 'GET, PUT, POST, DELETE, PATCH, OPTIONS',
          allowHeaders: 'Authorization, Content-Type',
          exposeHeaders: '',
          maxAge: 1728000,
          notes: [
            'cors-allow-credentials is not set: ingress-nginx defaults it to `true`.',
            'cors-max-age is not set: ingress-nginx sends 1728000 (20 days).',
            'ingress-nginx echoes the request Origin when it matches, without `Vary: Origin`.',
          ],
        },
      ],
    },
    {
      file: 'manifests/istio.yml',
      policies: [
        {
          controller: 'istio',
          source: 'VirtualService/vcluster-platform#http[0]',
          line: 8,
          enabled: true,
          allowOrigins: ['https://dashboard.example.com'],
          allowCredentials: false,
          allowMethods: 'GET,POST',
          allowHeaders: 'authorization,content-type',
          exposeHeaders: '',
          maxAge: 600,
          notes: ['Envoy always echoes the request Origin (never `*`) and adds no `Vary: Origin`.'],
        },
      ],
    },
    {
      file: 'manifests/route.yaml',
      policies: [
        {
          controller: 'gateway-api',
          source: 'HTTPRoute/vcluster-platform#rules[0]',
          line: 9,
          enabled: true,
          allowOrigins: ['https://dashboard.example.com'],
          allowCredentials: false,
          allowMethods: 'GET, POST',
          allowHeaders: 'Authorization, Content-Type',
          exposeHeaders: '',
          maxAge: 600,
          notes: [
            'The gateway sets `Access-Control-Allow-Origin` to the request Origin when it matches; the spec does not require `Vary: Origin`.',
          ],
        },
      ],
    },
    {
      file: 'manifests/traefik.yaml',
      policies: [
        {
          controller: 'traefik',
          source: 'Middleware/platform-cors',
          line: 7,
          enabled: true,
          allowOrigins: ['https://dashboard.example.com'],
          allowCredentials: true,
          allowMethods: 'GET,POST',
          allowHeaders: 'Authorization,Content-Type',
          exposeHeaders: '',
          maxAge: 600,
          notes: [
            'Traefik echoes the request Origin when it matches.',
            'addVaryHeader: Traefik adds `Vary: Origin` to proxied responses (not to the preflight it answers itself).',
          ],
        },
      ],
    },
  ]);
});

test('a folder with YAML but no values files and no CORS manifests: exit 2', () => {
  const r = cli(['lint', '.'], empty);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'vcluster-cors: no values files found under `.` (looked for vcluster-platform*.{yaml,yml}, *platform*values*.{yaml,yml}, loft.{yaml,yml}, loft-values.{yaml,yml}, and for YAML files with a Traefik Middleware, Istio VirtualService, HTTPRoute CORS filter, Ingress CORS annotations or a values file with CORS annotations; add others with `files:` in .vcluster-cors.yaml)\n',
  );
});

test('lint examples/controllers/: every example is found; the broken ones fail with exact rule ids and positions', () => {
  const r = cli(['lint', 'examples/controllers/', '--format', 'json'], ROOT);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as {
    file: string;
    diagnostics: { ruleId: string; severity: string; line: number; column: number; fixable: boolean }[];
  }[];
  assert.deepEqual(
    out.map((f) => [f.file, f.diagnostics.map((d) => `${d.ruleId} ${d.severity} ${d.line}:${d.column}${d.fixable ? ' fixable' : ''}`)]),
    [
      ['examples/controllers/contour-httpproxy-good.yaml', []],
      [
        'examples/controllers/contour-httpproxy.yaml',
        ['origin-never-matches error 13:11', 'wildcard-origin error 14:11', 'wildcard-with-credentials error 14:11'],
      ],
      ['examples/controllers/emissary-mapping-good.yaml', []],
      [
        'examples/controllers/emissary-mapping.yaml',
        ['wildcard-origin error 11:17', 'wildcard-with-credentials error 11:17', 'missing-authorization-header warning 27:14 fixable'],
      ],
      ['examples/controllers/envoy-gateway-securitypolicy-good.yaml', []],
      [
        'examples/controllers/envoy-gateway-securitypolicy.yaml',
        ['wildcard-origin error 14:20', 'wildcard-with-credentials error 14:20', 'max-age-exceeds-browser-cap warning 18:13 fixable'],
      ],
      ['examples/controllers/gateway-api-httproute-good.yaml', []],
      [
        'examples/controllers/gateway-api-httproute.yaml',
        ['wildcard-origin error 14:28', 'wildcard-with-credentials error 14:28', 'max-age-exceeds-browser-cap warning 18:21 fixable'],
      ],
      ['examples/controllers/istio-virtualservice-good.yaml', []],
      ['examples/controllers/istio-virtualservice.yaml', ['wildcard-origin error 13:20', 'wildcard-with-credentials error 13:20']],
      ['examples/controllers/traefik-middleware-good.yaml', []],
      [
        'examples/controllers/traefik-middleware.yaml',
        [
          'missing-vary-header warning 9:5 fixable',
          'wildcard-origin error 10:9',
          'wildcard-with-credentials error 10:9',
          'missing-authorization-header warning 14:32 fixable',
          'max-age-exceeds-browser-cap warning 15:26 fixable',
        ],
      ],
    ],
  );
});
