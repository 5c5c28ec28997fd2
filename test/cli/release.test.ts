/** The CLI's Helm release mode: `-f/--values`, `--set`, `--set-string`, `--set-json`, `--reuse-values`. */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');
const EX = path.join(ROOT, 'examples/release');
const ANN = 'ingress.annotations.nginx\\.ingress\\.kubernetes\\.io';

function cli(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'NODE_OPTIONS']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? EX, input: opts.input ?? '', env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  file: string;
  release?: { name: string; sources: string[] };
  flag?: { name: string; value: string };
  diagnostics: { ruleId: string; line: number; column: number; severity: string }[];
}
const json = (stdout: string) => JSON.parse(stdout) as JsonReport[];
const brief = (reports: JsonReport[]) => reports.flatMap((r) => r.diagnostics.map((d) => `${r.file} ${d.line}:${d.column} ${d.ruleId}`));

before(() => assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`node scripts/build.mjs\` first`));

describe('lint a release', () => {
  test('-f base -f prod: the layered example lints clean (one info), exit 0', () => {
    const r = cli(['lint', '--format', 'json', '-f', 'base.yaml', '-f', 'prod.yaml']);
    assert.equal(r.code, 0, r.stderr);
    const reports = json(r.stdout);
    assert.deepEqual(
      reports.map((x) => x.file),
      ['base.yaml', 'prod.yaml'],
    );
    assert.deepEqual(reports[0].release, { name: 'release', sources: ['chart defaults', 'base.yaml', 'prod.yaml'] });
    assert.deepEqual(brief(reports), ['base.yaml 6:5 ingress-nginx-retired']);
  });

  test('--values is the long form of -f', () => {
    const r = cli(['lint', '--format', 'json', '--values', 'base.yaml', '--values=prod.yaml']);
    assert.deepEqual(brief(json(r.stdout)), ['base.yaml 6:5 ingress-nginx-retired']);
  });

  test('plain paths still lint one by one', () => {
    const r = cli(['lint', '--format', 'json', 'base.yaml', 'prod.yaml']);
    assert.equal(r.code, 1);
    const reports = json(r.stdout);
    assert.equal(reports[0].release, undefined);
    assert.deepEqual(brief(reports), [
      'base.yaml 2:1 wildcard-with-credentials',
      'base.yaml 6:5 ingress-nginx-retired',
      'base.yaml 6:5 max-age-exceeds-browser-cap',
      'base.yaml 6:46 wildcard-origin',
      'prod.yaml 4:5 cors-not-enabled',
      'prod.yaml 5:5 cors-not-enabled',
      'prod.yaml 6:5 cors-not-enabled',
      'prod.yaml 7:5 cors-not-enabled',
    ]);
  });

  test('--set: the finding is at the flag, typed like Helm (int → annotation-value-not-string)', () => {
    const arg = `${ANN}/cors-max-age=86400`;
    const r = cli(['lint', '--format', 'json', '-f', 'base.yaml', '-f', 'prod.yaml', '--set', arg]);
    assert.equal(r.code, 1);
    const reports = json(r.stdout);
    const flag = reports.find((x) => x.flag)!;
    assert.deepEqual(flag.flag, { name: '--set', value: arg });
    assert.equal(flag.file, `--set ${arg}`);
    assert.deepEqual(brief([flag]), [`--set ${arg} 1:65 annotation-value-not-string`, `--set ${arg} 1:65 max-age-exceeds-browser-cap`]);
    assert.deepEqual(reports[0].release!.sources, ['chart defaults', 'base.yaml', 'prod.yaml', `--set ${arg}`]);
  });

  test('--set-string keeps strings; --set-json decodes JSON', () => {
    const s = cli(['lint', '--format', 'json', '-f', 'base.yaml', '-f', 'prod.yaml', '--set-string', `${ANN}/cors-max-age=7200`]);
    assert.equal(s.code, 0);
    assert.deepEqual(brief(json(s.stdout)), ['base.yaml 6:5 ingress-nginx-retired']);
    const j = cli(['lint', '--format', 'json', '-f', 'base.yaml', '-f', 'prod.yaml', '--set-json', `${ANN}/cors-allow-origin="*"`]);
    const reports = json(j.stdout);
    assert.deepEqual(
      brief(reports).filter((x) => x.startsWith('--set-json')),
      [`--set-json ${ANN}/cors-allow-origin="*" 1:70 wildcard-origin`],
    );
  });

  test('stylish shows the flag as the location', () => {
    const arg = `${ANN}/cors-allow-origin=*`;
    const r = cli(['lint', '-f', 'base.yaml', '-f', 'prod.yaml', '--set-string', arg, '--no-color']);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.includes(`\n--set-string ${arg}  (production: default)\n  1:70  error  wildcard-origin`), r.stdout);
  });

  test('SARIF gives a flag a logical location', () => {
    const arg = `${ANN}/cors-allow-origin=*`;
    const r = cli(['lint', '--format', 'sarif', '-f', 'base.yaml', '-f', 'prod.yaml', '--set-string', arg]);
    const log = JSON.parse(r.stdout);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')));
    assert.equal(validate(log), true, JSON.stringify(validate.errors));
    const res = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'wildcard-origin');
    assert.deepEqual(res.locations, [
      { logicalLocations: [{ name: `--set-string ${arg}`, kind: 'parameter' }], message: { text: `--set-string ${arg}` } },
    ]);
  });

  test('--reuse-values: an annotation only the previous values set is reported there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-release-'));
    fs.writeFileSync(
      path.join(dir, 'previous.yaml'),
      fs.readFileSync(path.join(EX, 'base.yaml'), 'utf8') + '    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, TRACE"\n',
    );
    fs.copyFileSync(path.join(EX, 'prod.yaml'), path.join(dir, 'prod.yaml'));
    const r = cli(['lint', '--format', 'json', '--reuse-values', 'previous.yaml', '-f', 'prod.yaml'], { cwd: dir });
    const reports = json(r.stdout);
    assert.deepEqual(reports[0].release!.sources, ['chart defaults', 'previous.yaml', 'prod.yaml']);
    // enable-cors too comes only from the previous values now (prod.yaml never set it).
    assert.deepEqual(brief(reports), [
      'previous.yaml 6:5 ingress-nginx-retired',
      'previous.yaml 6:5 reused-annotation',
      'previous.yaml 7:5 reused-annotation',
      'previous.yaml 7:59 forbidden-method',
    ]);
  });

  test('a bad --set is a release-values error at the flag (exit 1)', () => {
    const r = cli(['lint', '--format', 'json', '-f', 'base.yaml', '--set', 'ingress.enabled.x=1']);
    assert.equal(r.code, 1);
    assert.deepEqual(
      brief(json(r.stdout)).filter((x) => x.includes('release-values')),
      ['--set ingress.enabled.x=1 1:1 release-values'],
    );
  });

  test('usage errors: a path next to -f, --fix with a release, a missing file', () => {
    const a = cli(['lint', '-f', 'base.yaml', 'prod.yaml']);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /^vcluster-cors: a release is linted from its `-f`\/`--values` files and flags; `prod\.yaml` is a path/);
    const b = cli(['lint', '--fix', '-f', 'base.yaml']);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /--fix` applies to files linted one by one/);
    const c = cli(['lint', '-f', 'missing.yaml']);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /^vcluster-cors: cannot read `missing\.yaml`/);
    const d = cli(['lint', '--set']);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /`--set` needs a value/);
  });

  test('-f no longer means --format', () => {
    const r = cli(['lint', '-f', 'json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read `json`/);
    const h = cli(['lint', '--help']);
    assert.match(h.stdout, /  -f, --values FILE/);
    assert.match(
      h.stdout,
      /      --format FORMAT {8}stylish \(default\), json, sarif .*\n.*or junit\n {29}\(no short form: -f is --values\)/,
    );
  });
});

describe('policy and simulate take the release flags', () => {
  test('policy shows where each value comes from', () => {
    const r = cli(['policy', '-f', 'base.yaml', '-f', 'prod.yaml', '--no-color']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^release: chart defaults → base\.yaml → prod\.yaml\n/);
    assert.match(r.stdout, /enable-cors {8}true {36}base\.yaml:6\n/);
    assert.match(r.stdout, /allow-origin {7}https:\/\/dashboard\.example\.com {11}prod\.yaml:4\n/);
  });

  test('policy --format json has the release policy', () => {
    const r = cli([
      'policy',
      '--format',
      'json',
      '-f',
      'base.yaml',
      '-f',
      'prod.yaml',
      '--set-string',
      `${ANN}/cors-allow-origin=https://x.example.com`,
    ]);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out[0].policies[0].allowOrigins, ['https://x.example.com']);
  });

  test('simulate a release', () => {
    const ok = cli(['simulate', '-f', 'base.yaml', '-f', 'prod.yaml', '--origin', 'https://dashboard.example.com', '--format', 'json']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const blocked = cli(['simulate', '-f', 'base.yaml', '-f', 'prod.yaml', '--origin', 'https://evil.example.com']);
    assert.equal(blocked.code, 1);
  });
});

describe('releases: in .vcluster-cors.yaml', () => {
  function project(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-releases-'));
    fs.mkdirSync(path.join(dir, 'values'));
    fs.writeFileSync(
      path.join(dir, 'values/base.yaml'),
      'ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n    nginx.ingress.kubernetes.io/cors-allow-methods: "GET, TRACE"\n    nginx.ingress.kubernetes.io/cors-allow-credentials: "false"\n    nginx.ingress.kubernetes.io/cors-max-age: "600"\n',
    );
    fs.writeFileSync(
      path.join(dir, 'values/prod.yaml'),
      'ingress:\n  annotations:\n    nginx.ingress.kubernetes.io/cors-allow-origin: "https://dashboard.example.com"\n',
    );
    fs.writeFileSync(path.join(dir, 'values/staging.yaml'), 'ingress:\n  host: staging.example.com\n');
    fs.writeFileSync(
      path.join(dir, '.vcluster-cors.yaml'),
      'rules:\n  no-vary-origin: off\n  ingress-nginx-retired: off\nreleases:\n  - name: prod\n    values: [values/base.yaml, values/prod.yaml]\n  - name: staging\n    values: [values/base.yaml, values/staging.yaml]\n    setString:\n      ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age: 7200\n',
    );
    return dir;
  }

  test('folder lint finds the release files and lints them in their releases; a shared base names the release', () => {
    const dir = project();
    const r = cli(['lint', '--format', 'json'], { cwd: dir });
    const reports = json(r.stdout) as (JsonReport & { releases?: { name: string }[] })[];
    assert.deepEqual(
      reports.map((x) => x.file),
      ['values/base.yaml', 'values/prod.yaml', 'values/staging.yaml'],
    );
    const base = reports[0] as unknown as {
      diagnostics: { ruleId: string; line: number; release?: string }[];
      releases: { name: string; sources: string[] }[];
    };
    assert.deepEqual(
      base.diagnostics.map((d) => `${d.line} ${d.ruleId} [${d.release}]`),
      ['5 wildcard-origin [staging]', '6 forbidden-method [prod, staging]'],
    );
    assert.deepEqual(
      base.releases.map((x) => x.sources),
      [
        ['chart defaults', 'values/base.yaml', 'values/prod.yaml'],
        [
          'chart defaults',
          'values/base.yaml',
          'values/staging.yaml',
          '--set-string ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/cors-max-age=7200',
        ],
      ],
    );
    assert.deepEqual(reports[1].diagnostics, []);
    assert.deepEqual(reports[2].diagnostics, []);
  });

  test('stylish shows the release of a finding in a shared file', () => {
    const dir = project();
    const r = cli(['lint', '--no-color', 'values/base.yaml'], { cwd: dir });
    assert.match(r.stdout, /  6:59  warning  forbidden-method  `TRACE` is a forbidden method: .* Remove it\. \[release prod, staging\]\n/);
  });

  test('a bad releases entry is a config error (exit 2)', () => {
    const dir = project();
    fs.writeFileSync(path.join(dir, '.vcluster-cors.yaml'), 'releases:\n  - name: prod\n');
    const r = cli(['lint', 'values/base.yaml'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.vcluster-cors\.yaml:2:5: .*values/);
  });
});

describe('rendered manifests: helm template … | vcluster-cors lint -', () => {
  test('a realistic rendered multi-document stream: the Ingress findings, at their lines', () => {
    const stream = fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/rendered/helm-template.yaml'), 'utf8');
    const r = cli(['lint', '-', '--stdin-filename', 'rendered.yaml', '--format', 'json'], { input: stream });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(brief(json(r.stdout)), [
      'rendered.yaml 80:53 wildcard-origin',
      'rendered.yaml 80:53 wildcard-with-credentials',
      'rendered.yaml 81:5 ingress-nginx-retired',
      'rendered.yaml 81:5 max-age-exceeds-browser-cap',
    ]);
    // The other objects of the stream (ServiceAccount, Service, Deployment) give nothing.
    const clean = stream.slice(0, stream.indexOf('# Source: vcluster-platform/templates/ingress.yaml'));
    const c = cli(['lint', '-', '--stdin-filename', 'rendered.yaml', '--format', 'json'], { input: clean });
    assert.equal(c.code, 0);
    assert.deepEqual(brief(json(c.stdout)), []);
  });
});
