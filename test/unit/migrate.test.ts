/**
 * `migrate` (issue 17): golden files for the seed example to each controller, every example to each controller
 * (parses, lints without new errors, every difference explained), and the decisions where a target cannot
 * express the old behaviour. Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  computePolicies,
  formatDiff,
  migrate,
  MIGRATION_TARGETS,
  MIGRATION_SOURCES,
  MigrateUsageError,
  renderStdout,
  simulate,
  type Migration,
  type MigrationTargetId,
  lintText,
  type MigrateOptions,
} from '../../server/src/engine/index';
import { checkMigrations } from '../rules/_migrateCheck';

const ROOT = path.resolve(__dirname, '../../..');
const GOLDEN = path.join(ROOT, 'test/fixtures/migrate');
const SEED = fs.readFileSync(path.join(ROOT, 'examples/vcluster-platform.yaml'), 'utf8');

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `golden file ${name} (UPDATE_GOLDEN=1 rewrites it)`);
}

function one(text: string, to: MigrationTargetId, options = {}, filePath = 'vcluster-platform.yaml'): Migration {
  const r = migrate({ text, filePath, to, options });
  assert.equal(r.migrations.length, 1, JSON.stringify(r.skipped));
  return r.migrations[0];
}

const values = (annotations: Record<string, string>) =>
  'ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\n' +
  Object.entries(annotations)
    .map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}\n`)
    .join('');

const corsOf = (m: Migration) => parse(m.files[0].text).spec.rules[0].filters[0].cors;

describe('migrate: golden files for the seed example', () => {
  for (const to of MIGRATION_TARGETS.filter((t) => t !== 'ingress-nginx')) {
    test(`examples/vcluster-platform.yaml → ${to}`, () => {
      const r = migrate({ text: SEED, filePath: path.join(ROOT, 'examples/vcluster-platform.yaml'), to });
      golden(`vcluster-platform.${to}.yaml`, renderStdout(r.migrations, 'vcluster-platform.yaml'));
      golden(
        `vcluster-platform.${to}.diff.txt`,
        r.migrations.flatMap((m) => formatDiff(m, 'examples/vcluster-platform.yaml')).join('\n') + '\n',
      );
    });
  }

  test('round trip golden: examples/controllers/gateway-api-httproute-good.yaml → ingress-nginx', () => {
    const file = path.join(ROOT, 'examples/controllers/gateway-api-httproute-good.yaml');
    const r = migrate({ text: fs.readFileSync(file, 'utf8'), filePath: file, to: 'ingress-nginx' });
    golden('gateway-api-httproute-good.ingress-nginx.yaml', renderStdout(r.migrations, 'gateway-api-httproute-good.yaml'));
    golden(
      'gateway-api-httproute-good.ingress-nginx.diff.txt',
      r.migrations.flatMap((m) => formatDiff(m, 'examples/controllers/gateway-api-httproute-good.yaml')).join('\n') + '\n',
    );
  });

  test('the seed reaches Gateway API and Istio with no difference a browser can observe', () => {
    for (const to of ['gateway-api', 'istio'] as const) assert.deepEqual(one(SEED, to).diff.differences, [], to);
  });

  test('to Envoy Gateway: a SecurityPolicy attached to the HTTPRoute, no observable difference, both files lint clean', () => {
    const m = one(SEED, 'envoy-gateway');
    assert.deepEqual(m.diff.differences, []);
    assert.deepEqual(m.lint, []);
    assert.deepEqual(
      m.files.map((f) => [f.name, f.carriesPolicy]),
      [
        ['vcluster-platform.securitypolicy.yaml', true],
        ['vcluster-platform.httproute.yaml', false],
      ],
    );
    const sp = parse(m.files[0].text);
    assert.deepEqual(sp.spec.targetRefs, [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'vcluster-platform' }]);
    assert.equal(sp.spec.cors.maxAge, '3600s');
    for (const f of m.files)
      assert.deepEqual(
        lintText(f.text, { filePath: f.name }).findings.filter((x) => x.severity !== 'info'),
        [],
        f.name,
      );
  });

  test('to Envoy Gateway, `*.` spans any depth and `*` + credentials echoes every origin: both listed', () => {
    const m = one(values({ 'enable-cors': 'true', 'cors-allow-origin': 'https://*.example.com', 'cors-max-age': '600' }), 'envoy-gateway');
    assert.deepEqual(parse(m.files[0].text).spec.cors.allowOrigins, ['https://*.example.com']);
    assert.ok(
      m.changes.some(
        (c) => c.id === 'wildcard-depth' && c.message.startsWith('Envoy Gateway matches `https://*.example.com` against any depth'),
      ),
      JSON.stringify(m.changes),
    );
    assert.ok(m.diff.differences.some((d) => d.field === 'verdict' && d.causes.includes('wildcard-depth')));
    const star = one(
      values({ 'enable-cors': 'true', 'cors-allow-origin': '*', 'cors-allow-credentials': 'true', 'cors-max-age': '600' }),
      'envoy-gateway',
    );
    assert.deepEqual(star.changes.map((c) => c.id).sort(), ['star-without-credentials', 'star-echoed'].sort());
    assert.equal(parse(star.files[0].text).spec.cors.allowCredentials, undefined);
  });

  test('to Traefik the only differences are the added Vary: Origin, on preflights and responses', () => {
    const m = one(SEED, 'traefik');
    assert.deepEqual(
      m.diff.differences.map((d) => [d.field, d.where, d.old, d.new, d.causes]),
      [
        ['vary', 'preflight', '(not sent)', 'Origin', ['vary-added']],
        ['vary', 'response', '(not sent)', 'Origin', ['vary-added']],
      ],
    );
    // Only requests from the allowed origin get it.
    for (const d of m.diff.differences) for (const e of d.examples) assert.equal(e.origin, 'https://dashboard.example.com');
  });

  test('an ingress-nginx values file is not migrated to ingress-nginx', () => {
    const r = migrate({ text: SEED, filePath: 'vcluster-platform.yaml', to: 'ingress-nginx' });
    assert.deepEqual(r.migrations, []);
    assert.deepEqual(r.skipped, [{ source: 'ingress', reason: 'it is already ingress-nginx' }]);
  });
});

describe('migrate: every example to each controller', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(ROOT, 'examples'));
  test('there are examples with policies', () => assert.ok(files.length >= 10, files.join(', ')));
  // Chart templates: their CORS values are unknown until Helm renders them, so migrate refuses them (exit 2 in the CLI).
  const TEMPLATES: Record<string, string> = {
    'examples/charts/api/templates/ingress.yaml':
      'Ingress/{{ $fullName }} is not migrated. Its CORS origin, maxAge are set by `{{ }}` actions',
  };
  for (const f of files) {
    const rel = path.relative(ROOT, f);
    if (TEMPLATES[rel] !== undefined) {
      test(`${rel}: refused to every other controller, values unknown until rendered`, () => {
        const code = fs.readFileSync(f, 'utf8');
        for (const to of MIGRATION_TARGETS) {
          if (to === 'ingress-nginx') {
            assert.deepEqual(migrate({ text: code, filePath: f, to }), {
              migrations: [],
              skipped: [{ source: 'Ingress/{{ $fullName }}', reason: 'it is already ingress-nginx' }],
            });
            continue;
          }
          assert.throws(
            () => migrate({ text: code, filePath: f, to }),
            (e: Error) => {
              assert.ok(e instanceof MigrateUsageError);
              assert.equal(
                e.message,
                `values unknown until Helm renders the template: ${TEMPLATES[rel]}; run \`helm template … | vcluster-cors migrate --to ${to} -\` to migrate the rendered objects.`,
              );
              return true;
            },
          );
        }
      });
      continue;
    }
    test(rel, () => {
      const code = fs.readFileSync(f, 'utf8');
      // Kong, APISIX and HAProxy policies are not migration sources, nor are hand-written headers (skipped with a reason).
      const policies = computePolicies(code, { filePath: f }).policies.filter(
        (p) => p.enabled && !p.handwritten && MIGRATION_SOURCES.includes(p.controller),
      );
      const checked = checkMigrations({ name: rel, code, filename: f });
      // Each policy goes to every controller but its own.
      assert.equal(
        checked,
        policies.reduce((n, p) => n + MIGRATION_TARGETS.filter((t) => t !== p.controller).length, 0),
      );
    });
  }
});

describe('migrate: where the target cannot express the old behaviour', () => {
  test('a literal `*` in a Traefik or Istio origin matched nothing: dropped and listed to every controller, never a wildcard', () => {
    const traefik =
      'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: cors\nspec:\n  headers:\n    accessControlAllowOriginList:\n      - https://*.example.com\n      - https://app.example.org\n    accessControlAllowMethods: [GET]\n    addVaryHeader: true\n';
    const istio =
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: api\nspec:\n  hosts: [api.example.com]\n  http:\n    - corsPolicy:\n        allowOrigins:\n          - exact: https://*.example.com\n          - exact: https://app.example.org\n      route:\n        - destination: { host: api }\n';
    for (const [label, text, from] of [
      ['Traefik', traefik, 'traefik'],
      ['Istio', istio, 'istio'],
    ] as const) {
      for (const to of MIGRATION_TARGETS.filter((t) => t !== from)) {
        const m = one(text, to, {}, 'api.yaml');
        assert.deepEqual(
          m.changes.filter((c) => c.id === 'never-matching-origin').map((c) => c.message),
          [
            `\`https://*.example.com\` never matches a browser's Origin under ${label} (its \`*\` is a literal character; browsers send a concrete host): it is not carried over.`,
          ],
          `${from} → ${to}`,
        );
        assert.ok(!m.files.some((f) => f.text.includes('*.example.com')), `${from} → ${to}: ${m.files[0].text}`);
        // A concrete host under it was blocked before and still is.
        assert.ok(m.diff.origins.includes('https://app.example.com'), `${from} → ${to}: ${m.diff.origins.join(', ')}`);
        assert.deepEqual(
          m.diff.differences.filter((d) => d.field === 'verdict' || d.field === 'allow-origin'),
          [],
          `${from} → ${to}`,
        );
        assert.deepEqual(m.lint, [], `${from} → ${to}`);
      }
    }
  });

  test('Gateway API matches `*.` against any depth: the diff shows the two-label origin with its cause', () => {
    const m = one(values({ 'enable-cors': 'true', 'cors-allow-origin': 'https://*.example.com', 'cors-max-age': '600' }), 'gateway-api');
    assert.deepEqual(corsOf(m).allowOrigins, ['https://*.example.com']);
    const verdict = m.diff.differences.filter((d) => d.field === 'verdict');
    assert.deepEqual(
      verdict.map((d) => [d.old, d.new, d.examples.map((e) => e.origin).sort()[0], d.causes]),
      [['blocked', 'allowed', 'https://a.b.example.com', ['wildcard-depth']]],
    );
    assert.ok(verdict[0].examples.every((e) => e.origin === 'https://a.b.example.com'));
    assert.match(
      m.changes.find((c) => c.id === 'wildcard-depth')!.message,
      /^Gateway API matches `https:\/\/\*\.example\.com` against any depth of subdomain; the source matched one label/,
    );
  });

  test('to Traefik and Istio a one-label wildcard becomes a regex that matches exactly one label: no difference', () => {
    const text = values({ 'enable-cors': 'true', 'cors-allow-origin': 'https://*.example.com', 'cors-max-age': '600' });
    const t = one(text, 'traefik');
    assert.deepEqual(parse(t.files[0].text).spec.headers.accessControlAllowOriginListRegex, ['^https://[a-z0-9-]+\\.example\\.com$']);
    assert.deepEqual(
      t.diff.differences.filter((d) => d.field !== 'vary'),
      [],
    );
    const i = one(text, 'istio');
    assert.deepEqual(parse(i.files[0].text).spec.http[0].corsPolicy.allowOrigins, [{ regex: 'https://[a-z0-9-]+\\.example\\.com' }]);
    assert.deepEqual(i.diff.differences, []);
  });

  test("ingress-nginx's implicit 20-day max-age becomes 7200, listed as an intended change and shown for Firefox", () => {
    const m = one(values({ 'enable-cors': 'true', 'cors-allow-origin': 'https://dashboard.example.com' }), 'gateway-api');
    assert.equal(corsOf(m).maxAge, 7200);
    const d = m.diff.differences.filter((x) => x.field === 'max-age');
    assert.deepEqual(
      d.map((x) => [x.where, x.old, x.new, x.causes]),
      [
        [
          'preflight',
          'Chromium 7200 s, Firefox 86400 s, Safari 600 s',
          'Chromium 7200 s, Firefox 7200 s, Safari 600 s',
          ['max-age-capped'],
        ],
      ],
    );
  });

  test('`*` with the default credentials: written without credentials, verdicts unchanged, the dropped header explained', () => {
    const m = one(values({ 'enable-cors': 'true', 'cors-max-age': '600' }), 'gateway-api');
    const cors = corsOf(m);
    assert.deepEqual(cors.allowOrigins, ['*']);
    assert.equal(cors.allowCredentials, undefined);
    assert.deepEqual(
      m.diff.differences.filter((d) => d.field === 'verdict'),
      [],
    );
    assert.deepEqual([...new Set(m.diff.differences.map((d) => d.field))], ['allow-credentials']);
    assert.ok(m.diff.differences.every((d) => d.causes.includes('star-without-credentials') && !d.unexplained));
  });

  test('Istio never sends `*`: the echoed origin is an explained difference', () => {
    const m = one(values({ 'enable-cors': 'true', 'cors-allow-credentials': 'false', 'cors-max-age': '600' }), 'istio');
    assert.deepEqual(parse(m.files[0].text).spec.http[0].corsPolicy.allowOrigins, [{ exact: '*' }]);
    assert.deepEqual(
      m.diff.differences.filter((d) => d.field === 'verdict'),
      [],
    );
    const acao = m.diff.differences.find((d) => d.field === 'allow-origin' && d.where === 'response')!;
    assert.equal(acao.old, '*');
    assert.deepEqual(acao.causes, ['star-echoed']);
  });

  test('`null` is not carried over, and the diff shows the now-blocked null origin', () => {
    const m = one(values({ 'enable-cors': 'true', 'cors-allow-origin': 'https://a.example.com, null', 'cors-max-age': '600' }), 'traefik');
    assert.deepEqual(parse(m.files[0].text).spec.headers.accessControlAllowOriginList, ['https://a.example.com']);
    const v = m.diff.differences.find((d) => d.field === 'verdict')!;
    assert.deepEqual([v.old, v.new, v.causes], ['allowed', 'blocked', ['null-origin-dropped']]);
    assert.ok(v.examples.every((e) => e.origin === 'null'));
  });

  test('lower-case methods: upper-cased for Gateway API and explained (nginx answered them with 400)', () => {
    const m = one(
      values({
        'enable-cors': 'true',
        'cors-allow-origin': 'https://a.example.com',
        'cors-allow-methods': 'GET, patch',
        'cors-max-age': '600',
      }),
      'gateway-api',
    );
    assert.deepEqual(corsOf(m).allowMethods, ['GET', 'PATCH']);
    assert.ok(m.changes.some((c) => c.id === 'method-case'));
    assert.ok(m.diff.differences.every((d) => !d.unexplained));
    assert.ok(
      m.diff.differences.some(
        (d) => d.field === 'verdict' && d.examples.some((e) => e.method === 'PATCH') && d.causes.includes('method-case'),
      ),
    );
  });

  test('nothing is dropped silently: a method Gateway API cannot express is listed even when no request shows it', () => {
    const m = one(
      values({
        'enable-cors': 'true',
        'cors-allow-origin': 'https://a.example.com',
        'cors-allow-methods': 'GET, PROPFIND',
        'cors-max-age': '600',
      }),
      'gateway-api',
    );
    assert.deepEqual(corsOf(m).allowMethods, ['GET']);
    const c = m.changes.find((x) => x.id === 'method-not-expressible')!;
    assert.equal(
      c.message,
      'Method `PROPFIND` is not carried over: Gateway API accepts only GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH.',
    );
    assert.ok(formatDiff(m, 'f.yaml').some((l) => l.includes('PROPFIND')));
  });
});

describe('migrate: round trip to ingress-nginx', () => {
  const route = fs.readFileSync(path.join(ROOT, 'examples/controllers/gateway-api-httproute-good.yaml'), 'utf8');

  test('Gateway API → ingress-nginx writes the annotations on an Ingress for the same backend, with no difference', () => {
    const m = one(route, 'ingress-nginx', {}, 'route.yaml');
    const ing = parse(m.files[0].text);
    assert.deepEqual(ing.metadata, {
      name: 'vcluster-platform',
      namespace: 'vcluster-platform',
      annotations: {
        'nginx.ingress.kubernetes.io/enable-cors': 'true',
        'nginx.ingress.kubernetes.io/cors-allow-origin': 'https://dashboard.example.com',
        'nginx.ingress.kubernetes.io/cors-allow-credentials': 'true',
        'nginx.ingress.kubernetes.io/cors-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'nginx.ingress.kubernetes.io/cors-allow-headers': 'Authorization, Content-Type',
        'nginx.ingress.kubernetes.io/cors-max-age': '7200',
      },
    });
    assert.deepEqual(ing.spec.rules[0].http.paths[0].backend, { service: { name: 'loft', port: { number: 80 } } });
    assert.deepEqual(m.diff.differences, []);
  });

  test('… and back to Gateway API gives the same CORS filter', () => {
    const nginx = one(route, 'ingress-nginx', {}, 'route.yaml').files[0].text;
    const back = one(nginx, 'gateway-api', {}, 'ingress.yaml');
    assert.deepEqual(corsOf(back), parse(route).spec.rules[0].filters[0].cors);
    assert.deepEqual(back.diff.differences, []);
  });

  test('the simulated verdicts of the round trip match the original for every generated request', () => {
    const nginx = one(route, 'ingress-nginx', {}, 'route.yaml');
    const old = computePolicies(route).policies[0];
    const origins = ['https://dashboard.example.com', 'https://attacker.example', 'null'];
    for (const origin of origins)
      for (const method of ['GET', 'PUT', 'PROPFIND'])
        for (const credentials of [false, true]) {
          const req = { origin, method, headers: ['Authorization'], credentials };
          assert.equal(simulate(nginx.newPolicy!, req).verdict, simulate(old, req).verdict, JSON.stringify(req));
        }
  });
});

describe('migrate: flags and bad input', () => {
  test('--gateway, --hostname, --service and --namespace shape the HTTPRoute', () => {
    const m = one(SEED, 'gateway-api', {
      gateway: 'public/infra',
      hostnames: ['api.example.com'],
      service: 'platform:8080',
      namespace: 'loft',
    });
    const r = parse(m.files[0].text);
    assert.equal(r.metadata.namespace, 'loft');
    assert.deepEqual(r.spec.parentRefs, [{ name: 'public', namespace: 'infra' }]);
    assert.deepEqual(r.spec.hostnames, ['api.example.com']);
    assert.deepEqual(r.spec.rules[0].backendRefs, [{ name: 'platform', port: 8080 }]);
  });

  for (const [opts, message] of [
    [{ gateway: 'a/b/c' }, '--gateway "a/b/c": expected NAME or NAME/NAMESPACE.'],
    [{ service: 'loft' }, '--service "loft": expected NAME:PORT, e.g. loft:80.'],
    [{ namespace: 'Bad_NS' }, '--namespace "Bad_NS" is not a valid namespace name.'],
    [{ hostnames: ['https://x'] }, '--hostname "https://x" is not a valid host name.'],
  ] as [MigrateOptions, string][]) {
    test(`rejects ${JSON.stringify(opts)}`, () => {
      assert.throws(
        () => migrate({ text: SEED, filePath: 'v.yaml', to: 'gateway-api', options: opts }),
        (e: unknown) => e instanceof MigrateUsageError && e.message === message,
      );
    });
  }

  test('a file without CORS, and a file that does not parse, are usage errors', () => {
    assert.throws(() => migrate({ text: 'ingress:\n  enabled: true\n', filePath: 'v.yaml', to: 'istio' }), /no CORS configuration found/);
    assert.throws(() => migrate({ text: 'ingress: [\n', filePath: 'v.yaml', to: 'istio' }), /the file does not parse/);
  });

  test('CORS that is not in effect is skipped with the reason', () => {
    const r = migrate({ text: SEED.replace('enabled: true', 'enabled: false'), filePath: 'vcluster-platform.yaml', to: 'istio' });
    assert.deepEqual(r.migrations, []);
    assert.match(r.skipped[0].reason, /not in effect/);
  });
});
