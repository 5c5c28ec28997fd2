/**
 * `vcluster-cors migrate` end to end (issue 17): the built CLI on the seed example — YAML on stdout equal to the
 * golden files, the report on stderr, -o DIR, --format json, and the exit codes 0 / 1 / 2.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const GOLDEN = path.join(ROOT, 'test/fixtures/migrate');

function cli(args: string[], input = '') {
  const env = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'NODE_OPTIONS']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('migrate (CLI)', () => {
  for (const [to, code] of [
    ['gateway-api', 0],
    ['istio', 0],
    ['traefik', 1],
    ['envoy-gateway', 0],
  ] as const) {
    test(`--to ${to}: the golden YAML on stdout, the report on stderr, exit ${code}`, () => {
      const r = cli(['migrate', '--to', to, 'examples/vcluster-platform.yaml']);
      assert.equal(r.stdout, fs.readFileSync(path.join(GOLDEN, `vcluster-platform.${to}.yaml`), 'utf8'));
      assert.equal(r.stderr, fs.readFileSync(path.join(GOLDEN, `vcluster-platform.${to}.diff.txt`), 'utf8'));
      assert.equal(r.code, code);
    });
  }

  test('-o DIR writes each file and prints the report on stdout', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-migrate-'));
    try {
      const out = path.join(dir, 'out');
      const r = cli(['migrate', '--to', 'traefik', '-o', out, 'examples/vcluster-platform.yaml']);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, '');
      assert.deepEqual(fs.readdirSync(out).sort(), ['vcluster-platform-cors.middleware.yaml', 'vcluster-platform.traefik-values.yaml']);
      const stream = fs.readFileSync(path.join(GOLDEN, 'vcluster-platform.traefik.yaml'), 'utf8').split('---\n');
      assert.equal(fs.readFileSync(path.join(out, 'vcluster-platform-cors.middleware.yaml'), 'utf8'), stream[0]);
      assert.equal(fs.readFileSync(path.join(out, 'vcluster-platform.traefik-values.yaml'), 'utf8'), stream[1]);
      assert.ok(
        r.stdout.endsWith(
          `Wrote ${path.join(out, 'vcluster-platform-cors.middleware.yaml')}, ${path.join(out, 'vcluster-platform.traefik-values.yaml')}\n`,
        ),
        r.stdout,
      );
      // The written files lint clean (info only) with the CLI itself.
      const lint = cli([
        'lint',
        '--format',
        'json',
        path.join(out, 'vcluster-platform-cors.middleware.yaml'),
        path.join(out, 'vcluster-platform.traefik-values.yaml'),
      ]);
      assert.equal(lint.code, 0, lint.stdout);
      for (const f of JSON.parse(lint.stdout)) assert.deepEqual(f.diagnostics, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--format json: the report with the files inline', () => {
    const r = cli(['migrate', '--to', 'gateway-api', '--format', 'json', '--gateway', 'public/infra', 'examples/vcluster-platform.yaml']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const j = JSON.parse(r.stdout);
    assert.equal(j.changed, false);
    assert.equal(j.migrations.length, 1);
    const m = j.migrations[0];
    assert.deepEqual([m.file, m.source, m.from, m.to], ['examples/vcluster-platform.yaml', 'ingress', 'ingress-nginx', 'gateway-api']);
    assert.deepEqual(m.diff.differences, []);
    assert.equal(m.diff.requests, 108);
    assert.deepEqual(
      m.files.map((f: { name: string }) => f.name),
      ['vcluster-platform.httproute.yaml'],
    );
    assert.match(m.files[0].text, /parentRefs:\n    - name: public\n      namespace: infra\n/);
  });

  test('a max-age above the browser caps: exit 1, the difference and its cause on stderr', () => {
    const input = fs
      .readFileSync(path.join(ROOT, 'examples/vcluster-platform.yaml'), 'utf8')
      .replace('cors-max-age: "3600"', 'cors-max-age: "86400"');
    const r = cli(['migrate', '--to', 'gateway-api', '--stdin-filename', 'vcluster-platform.yaml', '-'], input);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /maxAge: 7200\n/);
    assert.match(
      r.stderr,
      /1\. Access-Control-Max-Age as browsers cache it on the preflight: Chromium 7200 s, Firefox 86400 s, Safari 600 s → Chromium 7200 s, Firefox 7200 s, Safari 600 s\n.*\n       because: Access-Control-Max-Age 86400 \(1 day\) is written as 7200 \(2 h\)/,
    );
  });

  for (const [args, message] of [
    [
      ['migrate', 'examples/vcluster-platform.yaml'],
      'vcluster-cors: `migrate` needs `--to CONTROLLER`: gateway-api, traefik, istio, envoy-gateway or ingress-nginx\nRun `vcluster-cors migrate --help` for usage.\n',
    ],
    [
      ['migrate', '--to', 'contour', 'examples/vcluster-platform.yaml'],
      'vcluster-cors: `--to` must be gateway-api, traefik, istio, envoy-gateway, ingress-nginx (got `contour`)\nRun `vcluster-cors migrate --help` for usage.\n',
    ],
    [
      ['migrate', '--to', 'istio'],
      'vcluster-cors: `migrate` needs a file: `vcluster-cors migrate --to gateway-api FILE`\nRun `vcluster-cors migrate --help` for usage.\n',
    ],
    [
      ['migrate', '--to', 'ingress-nginx', 'examples/vcluster-platform.yaml'],
      'vcluster-cors: examples/vcluster-platform.yaml: ingress is not migrated: it is already ingress-nginx.\n',
    ],
    [
      ['migrate', '--to', 'istio', 'examples/broken/loft.yaml'],
      'vcluster-cors: examples/broken/loft.yaml: no CORS configuration found (ingress-nginx values file or Ingress, Traefik Middleware, Istio VirtualService or Gateway API HTTPRoute).\n',
    ],
    [
      ['migrate', '--to', 'gateway-api', 'examples/charts/api/templates/ingress.yaml'],
      'vcluster-cors: examples/charts/api/templates/ingress.yaml: values unknown until Helm renders the template: Ingress/{{ $fullName }} is not migrated. Its CORS origin, maxAge are set by `{{ }}` actions; run `helm template … | vcluster-cors migrate --to gateway-api -` to migrate the rendered objects.\n',
    ],
    [
      ['migrate', '--to', 'istio', '--service', 'loft', 'examples/vcluster-platform.yaml'],
      'vcluster-cors: examples/vcluster-platform.yaml: --service "loft": expected NAME:PORT, e.g. loft:80.\n',
    ],
  ] as const) {
    test(`exit 2: ${args.slice(1).join(' ')}`, () => {
      const r = cli([...args]);
      assert.deepEqual(r, { code: 2, stdout: '', stderr: message });
    });
  }
});
