/**
 * Hand-written CORS headers (policy/handwritten/): the overlay on the effective policy, the answers simulate
 * predicts for them (nginx's add_header / more_set_headers / if rules, checked against real nginx by
 * test/conformance/cases-handwritten.mjs), the `policy` and `simulate` output, and the hover.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine/lint';
import { migrate, NOT_ACCESS_CONTROL, simulate } from '../../server/src/engine/index';
import { controllerResponse } from '../../server/src/engine/simulate';
import { policyMarkdown } from '../../server/src/lsp/policyMarkdown';
import type { EffectivePolicy } from '../../server/src/engine/types';

const CLI = path.resolve(__dirname, '../../../server/out/cli.js');

function values(snippet: string, extra = ''): string {
  const body = snippet
    .trim()
    .split('\n')
    .map((l) => '      ' + l)
    .join('\n');
  return `ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\n${extra}    nginx.ingress.kubernetes.io/configuration-snippet: |\n${body}\n`;
}

function policyOf(text: string, filePath = 'vcluster-platform.yaml'): EffectivePolicy {
  const r = lintText(text, { filePath });
  assert.equal(r.policies.length, 1);
  return r.policies[0];
}

const ECHO_ALL = values(`
add_header Access-Control-Allow-Origin $http_origin always;
add_header Access-Control-Allow-Credentials true always;
if ($request_method = OPTIONS) {
  add_header Access-Control-Allow-Origin $http_origin always;
  add_header Access-Control-Allow-Methods "GET, POST, PUT" always;
  add_header Access-Control-Allow-Credentials true always;
  add_header Access-Control-Max-Age 600 always;
  return 204;
}`);

const REGEX = values(`
set $cors_origin "";
if ($http_origin ~* "^https://(app|admin)\\.example\\.com$") {
  set $cors_origin $http_origin;
}
more_set_headers "Access-Control-Allow-Origin: $cors_origin";
more_set_headers "Vary: Origin";`);

describe('hand-written CORS: the policy', () => {
  test('a snippet that echoes every origin with credentials: any origin, echo, credentials, from the snippet lines', () => {
    const p = policyOf(ECHO_ALL);
    assert.deepEqual(
      [
        p.configured,
        p.enabled,
        p.origins.map((m) => [m.kind, m.value]),
        p.acaoMode,
        p.allowCredentials,
        p.allowMethods,
        p.maxAge,
        p.preflightStatus,
      ],
      [true, true, [['any', '*']], 'echo', true, 'GET, POST, PUT', 600, 204],
    );
    assert.equal(p.fields.origin?.via, 'configuration-snippet');
    const r = lintText(ECHO_ALL, { filePath: 'vcluster-platform.yaml' });
    const ids = r.findings.map((f) => f.ruleId);
    assert.ok(ids.includes('wildcard-with-credentials'), ids.join(','));
    // the semantic rules' fixes edit annotations that are not there: none are offered for a hand-written policy
    assert.deepEqual(
      r.findings.filter((f) => f.ruleId === 'wildcard-with-credentials').map((f) => f.fixes.length),
      [0],
    );
  });

  test('an origin regex with a variable: a regex matcher (case-insensitive), Vary: Origin', () => {
    const p = policyOf(REGEX);
    assert.deepEqual(
      p.origins.map((m) => [m.kind, m.value]),
      [['regex', '(?i)^https://(app|admin)\\.example\\.com$']],
    );
    assert.equal(p.varyOrigin, true);
    assert.equal(p.allowCredentials, false);
  });

  test('Traefik customResponseHeaders without CORS fields: a policy of its own', () => {
    const text =
      'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    customResponseHeaders:\n      Access-Control-Allow-Origin: "https://app.example.com"\n      Access-Control-Allow-Credentials: "true"\n';
    const p = policyOf(text, 'middleware.yaml');
    assert.deepEqual(
      [p.configured, p.origins.map((m) => m.value), p.allowCredentials, p.handwritten?.native],
      [true, ['https://app.example.com'], true, false],
    );
  });

  test('an Ingress manifest whose CORS is only in a snippet is a target', () => {
    const text = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers "Access-Control-Allow-Origin: https://app.example.com";\nspec: {}\n`;
    const p = policyOf(text, 'ingress.yaml');
    assert.deepEqual(
      p.origins.map((m) => m.value),
      ['https://app.example.com'],
    );
  });
});

describe('hand-written CORS: what nginx answers', () => {
  test('the OPTIONS if block answers the preflight with its own add_headers (location-level ones are not inherited)', () => {
    const p = policyOf(
      values(`
add_header Access-Control-Allow-Origin $http_origin always;
add_header Access-Control-Allow-Credentials true always;
if ($request_method = OPTIONS) {
  add_header Access-Control-Allow-Methods "GET, PUT" always;
  return 204;
}`),
    );
    const r = controllerResponse(p, { method: 'OPTIONS', origin: 'https://a.example', requestMethod: 'PUT' });
    assert.deepEqual([r.status, r.headers], [204, { 'Access-Control-Allow-Methods': 'GET, PUT' }]);
    const sim = simulate(p, { origin: 'https://a.example', method: 'PUT' });
    assert.equal(sim.verdict, 'blocked');
  });

  test('add_header without always: marked as sent on success statuses only; no Origin → nothing echoed', () => {
    const p = policyOf(values('add_header Access-Control-Allow-Origin $http_origin;'));
    const r = controllerResponse(p, { method: 'GET', origin: 'https://a.example' });
    assert.deepEqual(
      [r.status, r.headers, r.successOnly],
      ['backend', { 'Access-Control-Allow-Origin': 'https://a.example' }, ['Access-Control-Allow-Origin']],
    );
    assert.deepEqual(controllerResponse(p, { method: 'GET', origin: null }).headers, {});
  });

  test('a regex-guarded variable echoes only matching origins', () => {
    const p = policyOf(REGEX);
    assert.deepEqual(controllerResponse(p, { method: 'GET', origin: 'https://ADMIN.example.com' }).headers, {
      'Access-Control-Allow-Origin': 'https://ADMIN.example.com',
      Vary: 'Origin',
    });
    assert.deepEqual(controllerResponse(p, { method: 'GET', origin: 'https://evil.example' }).headers, { Vary: 'Origin' });
  });

  test('two add_header lines are sent twice (joined), which the browser refuses', () => {
    const p = policyOf(
      values(
        'add_header Access-Control-Allow-Origin $http_origin always;\nadd_header Access-Control-Allow-Origin "https://a.example" always;',
      ),
    );
    assert.deepEqual(controllerResponse(p, { method: 'GET', origin: 'https://a.example' }).headers, {
      'Access-Control-Allow-Origin': 'https://a.example, https://a.example',
    });
    assert.equal(simulate(p, { origin: 'https://a.example', method: 'GET' }).verdict, 'blocked');
  });
});

test('migrate skips a policy written by hand, with the reason', () => {
  const r = migrate({ text: ECHO_ALL, filePath: 'vcluster-platform.yaml', to: 'gateway-api' });
  assert.deepEqual(r, {
    migrations: [],
    skipped: [
      {
        source: 'ingress',
        reason: 'CORS headers are written by hand there (a snippet or custom headers), which migrate cannot carry over',
      },
    ],
  });
});

describe('hand-written CORS: output', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-hw-'));
  const file = path.join(dir, 'vcluster-platform.yaml');
  fs.writeFileSync(file, ECHO_ALL);
  const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });

  test('`policy` shows the snippet\'s origins and credentials with their lines (never "CORS is off")', () => {
    const r = cli(['policy', 'vcluster-platform.yaml']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /ingress-nginx: ingress \(line 1\): CORS headers are sent\n/);
    assert.match(r.stdout, /allow-origin +\* \(any origin\) +configuration-snippet, line 6\n/);
    assert.match(r.stdout, /allow-credentials +true +configuration-snippet, line 7\n/);
    assert.match(r.stdout, /allow-methods +GET, POST, PUT +configuration-snippet, line 10\n/);
    assert.match(r.stdout, /- CORS is written by hand in configuration-snippet: these are the headers it sends\.\n/);
    assert.ok(r.stdout.includes(`\n    ${NOT_ACCESS_CONTROL}\n`));
    const j = JSON.parse(cli(['policy', '--format', 'json', 'vcluster-platform.yaml']).stdout)[0].policies[0];
    assert.deepEqual([j.enabled, j.allowOrigins, j.allowCredentials], [true, ['*'], true]);
  });

  test('`simulate` says CORS is not access control', () => {
    const r = cli(['simulate', '--origin', 'https://evil.example', 'vcluster-platform.yaml']);
    assert.ok(r.stdout.includes(`    ${NOT_ACCESS_CONTROL}\n`), r.stdout);
  });

  test('the hover says it too', () => {
    assert.ok(policyMarkdown(policyOf(ECHO_ALL)).endsWith(`_${NOT_ACCESS_CONTROL}_`));
  });
});
