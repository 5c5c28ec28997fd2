/**
 * `vcluster-cors verify` end to end: the built CLI against a real nginx (with headers-more) on 127.0.0.1,
 * its CORS block rendered from a policy exactly as the conformance harness renders it
 * (test/conformance/nginx.mjs, the ingress-nginx template transcribed), over http and over https with a
 * CA and server certificate generated here with the `openssl` CLI. Also the network failures: a closed
 * port, an untrusted certificate, a server that never answers, a name that does not resolve.
 *
 * Nothing is skipped: when nginx is missing it is installed (as root); if that fails, the tests fail.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { computePolicies, DEFAULT_CONFIG, type EffectivePolicy } from '../../server/src/engine/index';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'server/out/cli.js');

interface NginxHelpers {
  ensureDeps(extra?: string[], log?: (m: string) => void): void;
  nginxBin(): string | null;
  headersMoreModule(): string | null;
  freePort(): Promise<number>;
  nginxTest(bin: string, conf: string, prefix: string): { ok: boolean; stderr: string };
  renderServer(o: {
    port: number;
    backend: number;
    serverName: string;
    policy: EffectivePolicy;
    accessLog?: string;
    ssl?: { cert: string; key: string };
  }): string;
  startNginx(bin: string, conf: string, prefix: string, ports: number[], onSpawn?: (p: ChildProcess) => void): Promise<ChildProcess>;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the built CLI without blocking this process (the hanging server below must keep running). */
function cli(args: string[], cwd: string, input = ''): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'DEBUG', 'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS']) delete env[k];
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
    p.stdin.end(input);
  });
}

const DASHBOARD = 'https://dashboard.example.com';

/** The file under test: what the guide's example configures. */
const FILE_ANN: Record<string, string> = {
  'enable-cors': 'true',
  'cors-allow-origin': DASHBOARD,
  'cors-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
  'cors-allow-headers': 'Authorization, Content-Type',
  'cors-allow-credentials': 'true',
  'cors-max-age': '3600',
};
/** An older live Ingress: CORS switched on, nothing else (`*`, the defaults, max-age 1728000). */
const OLD_ANN: Record<string, string> = { 'enable-cors': 'true' };
/** A live Ingress that allows another origin only. */
const OTHER_ANN: Record<string, string> = { ...FILE_ANN, 'cors-allow-origin': 'https://other.example.com' };

function valuesText(ann: Record<string, string>, host = 'platform.example.com'): string {
  const lines = Object.entries(ann).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`);
  return `ingress:\n  enabled: true\n  host: ${JSON.stringify(host)}\n  annotations:\n${lines.join('\n')}\n`;
}

function policyOf(ann: Record<string, string>): EffectivePolicy {
  const r = computePolicies(valuesText(ann), { config: DEFAULT_CONFIG });
  assert.equal(r.policies.length, 1);
  return r.policies[0];
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `openssl ${args.join(' ')} failed: ${r.stderr}`);
}

let tmp = '';
let nginx: ChildProcess | undefined;
let hanging: net.Server | undefined;
const hangingSockets = new Set<net.Socket>();
const ports = { backend: 0, file: 0, fileTls: 0, old: 0, other: 0, closed: 0, hanging: 0 };
let accessLog = '';
let filePath = '';

before(async () => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`node scripts/build.mjs\` first`);
  const helpers = (await import(pathToFileURL(path.join(ROOT, 'test/conformance/nginx.mjs')).href)) as NginxHelpers;
  helpers.ensureDeps([], (m) => process.stderr.write(`verify tests: ${m}\n`));
  const bin = helpers.nginxBin();
  const module = helpers.headersMoreModule();
  assert.ok(bin, 'nginx is installed');
  assert.ok(module, 'the headers-more module is installed');

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-verify-'));
  // A CA and a server certificate for 127.0.0.1 signed by it.
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=vcluster-cors test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    tmp,
  );
  openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], tmp);
  fs.writeFileSync(
    path.join(tmp, 'server.ext'),
    'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'server.ext',
    ],
    tmp,
  );

  for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await helpers.freePort();
  accessLog = path.join(tmp, 'access.log');
  const ssl = { cert: path.join(tmp, 'server.pem'), key: path.join(tmp, 'server.key') };
  const servers = [
    helpers.renderServer({
      port: ports.file,
      backend: ports.backend,
      serverName: 'platform.example.com',
      policy: policyOf(FILE_ANN),
      accessLog,
    }),
    helpers.renderServer({
      port: ports.fileTls,
      backend: ports.backend,
      serverName: 'platform.example.com',
      policy: policyOf(FILE_ANN),
      accessLog,
      ssl,
    }),
    helpers.renderServer({
      port: ports.old,
      backend: ports.backend,
      serverName: 'platform.example.com',
      policy: policyOf(OLD_ANN),
      accessLog,
    }),
    helpers.renderServer({
      port: ports.other,
      backend: ports.backend,
      serverName: 'platform.example.com',
      policy: policyOf(OTHER_ANN),
      accessLog,
    }),
  ];
  const conf = path.join(tmp, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `load_module ${module};
worker_processes 1;
events { worker_connections 64; }
http {
    access_log off;
    log_format probe '$request_method|$request_uri|$http_origin|$http_access_control_request_method|$http_access_control_request_headers|$http_cookie|$http_authorization';
    uninitialized_variable_warn off;
    client_body_temp_path ${tmp}/client_body;
    proxy_temp_path ${tmp}/proxy;
    fastcgi_temp_path ${tmp}/fastcgi;
    uwsgi_temp_path ${tmp}/uwsgi;
    scgi_temp_path ${tmp}/scgi;

    # the Platform behind the Ingress: every request without Authorization is 401 (like its authentication)
    server {
        listen 127.0.0.1:${ports.backend};
        location / {
            if ($http_authorization = '') { return 401; }
            default_type application/json;
            return 200 '{}';
        }
    }
${servers.join('\n')}
}
`,
  );
  const t = helpers.nginxTest(bin, conf, tmp);
  assert.ok(t.ok, `nginx rejects the generated config: ${t.stderr}`);
  await helpers.startNginx(bin, conf, tmp, [ports.backend, ports.file, ports.fileTls, ports.old, ports.other], (p) => {
    nginx = p;
  });

  // A server that accepts connections and never answers.
  hanging = net.createServer((s) => {
    hangingSockets.add(s);
    s.on('close', () => hangingSockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => hanging!.listen(ports.hanging, '127.0.0.1', () => r()));

  filePath = path.join(tmp, 'vcluster-platform.yaml');
  fs.writeFileSync(filePath, valuesText(FILE_ANN));
});

after(async () => {
  for (const s of hangingSockets) s.destroy();
  if (hanging) await new Promise((r) => hanging!.close(r));
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx!.once('exit', r));
    nginx.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (nginx.exitCode === null) nginx.kill('SIGKILL');
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const url = (port: number, scheme = 'http') => `${scheme}://127.0.0.1:${port}/kubernetes/management/apis`;

interface VerifyJson {
  file: string;
  url: string;
  origin: string;
  request: { method: string; headers: Record<string, string> };
  predicted: { status: number | 'backend'; headers: Record<string, string> };
  observed: { status: number; headers: Record<string, string> };
  match: boolean;
  differences: { field: string; predicted: string | null; observed: string | null; message: string; cause: string }[];
  verdict: string;
  notes: string[];
}

describe('verify against nginx', () => {
  test("live == file over http: exit 0, and the guide's preflight is what nginx received", async () => {
    fs.writeFileSync(accessLog, '');
    const r = await cli(['verify', 'vcluster-platform.yaml', '--url', url(ports.file)], tmp);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /✓ the live answer matches the file\n$/);
    assert.match(
      r.stdout,
      /OPTIONS http:\/\/127\.0\.0\.1:\d+\/kubernetes\/management\/apis\n {4}Origin: https:\/\/dashboard\.example\.com\n/,
    );
    assert.match(r.stdout, /access-control-max-age: 3600/);
    await new Promise((res) => setTimeout(res, 50));
    const lines = fs.readFileSync(accessLog, 'utf8').trim().split('\n');
    // method|uri|origin|ACRM|ACRH|cookie|authorization: no cookie, no credentials
    assert.deepEqual(lines, [`OPTIONS|/kubernetes/management/apis|${DASHBOARD}|GET|authorization|-|-`]);
  });

  test('live == file over https with --ca: exit 0, JSON', async () => {
    const r = await cli(
      ['verify', 'vcluster-platform.yaml', '--url', url(ports.fileTls, 'https'), '--ca', 'ca.pem', '--format', 'json'],
      tmp,
    );
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0, r.stdout);
    const j = JSON.parse(r.stdout) as VerifyJson;
    assert.deepEqual(Object.keys(j), [
      'file',
      'controller',
      'source',
      'url',
      'origin',
      'request',
      'predicted',
      'observed',
      'match',
      'differences',
      'verdict',
      'notes',
    ]);
    assert.equal(j.match, true);
    assert.deepEqual(j.differences, []);
    assert.equal(j.origin, DASHBOARD);
    assert.deepEqual(j.request, {
      method: 'OPTIONS',
      headers: { Origin: DASHBOARD, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    assert.equal(j.observed.status, 204);
    assert.deepEqual(j.observed.headers, j.predicted.headers);
    assert.deepEqual(j.observed.headers, {
      'access-control-allow-origin': DASHBOARD,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
      'access-control-allow-headers': 'Authorization, Content-Type',
      'access-control-max-age': '3600',
    });
    assert.equal(j.verdict, 'allowed');
  });

  test('stdin with --stdin-filename works like the file (what the editor command sends)', async () => {
    const r = await cli(
      ['verify', '-', '--stdin-filename', 'vcluster-platform.yaml', '--url', url(ports.file), '--format', 'json'],
      tmp,
      valuesText(FILE_ANN),
    );
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal((JSON.parse(r.stdout) as VerifyJson).file, 'vcluster-platform.yaml');
  });

  test('live Ingress with older annotations: each difference with its cause, exit 1', async () => {
    const r = await cli(['verify', 'vcluster-platform.yaml', '--url', url(ports.old), '--format', 'json'], tmp);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1, r.stdout);
    const j = JSON.parse(r.stdout) as VerifyJson;
    assert.equal(j.match, false);
    assert.equal(j.observed.status, 204);
    assert.deepEqual(
      j.differences.map((d) => [d.field, d.observed, d.predicted]),
      [
        ['access-control-allow-origin', '*', DASHBOARD],
        ['access-control-allow-methods', 'GET, PUT, POST, DELETE, PATCH, OPTIONS', 'GET, POST, PUT, DELETE, PATCH, OPTIONS'],
        [
          'access-control-allow-headers',
          'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization',
          'Authorization, Content-Type',
        ],
        ['access-control-max-age', '1728000', '3600'],
      ],
    );
    const cause = (f: string) => j.differences.find((d) => d.field === f)!.cause;
    assert.match(cause('access-control-allow-origin'), /^the live ingress still sends `\*`: has `helm upgrade` run\?/);
    assert.match(cause('access-control-max-age'), /^max-age 1728000 live vs 3600 in the file: the live Ingress has older annotations/);
    assert.match(cause('access-control-allow-methods'), /ingress-nginx's default: the live Ingress has no cors-allow-methods/);

    const t = await cli(['verify', 'vcluster-platform.yaml', '--url', url(ports.old)], tmp);
    assert.equal(t.code, 1);
    assert.match(t.stdout, /✗ 4 differences between the live answer and the file:\n/);
    assert.match(
      t.stdout,
      / {2}- Access-Control-Allow-Origin: `\*` live vs `https:\/\/dashboard\.example\.com` in the file\n {4}likely cause: the live ingress still sends `\*`: has `helm upgrade` run\?/,
    );
    assert.match(t.stdout, /likely cause: max-age 1728000 live vs 3600 in the file: the live Ingress has older annotations/);
  });

  test('live Ingress that does not allow the origin: 401 from authentication, no CORS headers, exit 1', async () => {
    const r = await cli(['verify', 'vcluster-platform.yaml', '--url', url(ports.other), '--format', 'json'], tmp);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const j = JSON.parse(r.stdout) as VerifyJson;
    assert.equal(j.observed.status, 401);
    assert.deepEqual(j.observed.headers, {});
    assert.deepEqual(
      j.differences.map((d) => d.field),
      ['status', 'cors-headers'],
    );
    assert.equal(j.differences[0].cause, 'status 401: the preflight reached authentication — the origin is not allowed by the live config');
    assert.match(
      j.differences[1].cause,
      /^no CORS headers at all: is the controller ingress-nginx, is `enable-cors` set, did the Ingress get rendered \(ingress\.enabled\)\?/,
    );
  });

  test("--origin overrides the file's origin; an origin the file does not allow either matches the 401", async () => {
    const r = await cli(
      ['verify', 'vcluster-platform.yaml', '--url', url(ports.file), '--origin', 'https://evil.example', '--format', 'json'],
      tmp,
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const j = JSON.parse(r.stdout) as VerifyJson;
    assert.equal(j.origin, 'https://evil.example');
    assert.equal(j.predicted.status, 'backend');
    assert.equal(j.observed.status, 401);
    assert.equal(j.verdict, 'blocked');
  });
});

describe('verify: network and usage errors (exit 2)', () => {
  test('a closed port: connection refused', async () => {
    const r = await cli(['verify', 'vcluster-platform.yaml', '--url', url(ports.closed)], tmp);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      `vcluster-cors: cannot connect to 127.0.0.1:${ports.closed}: connection refused (nothing listens there): is the URL right, and is the ingress controller exposed on that port?\n`,
    );
  });

  test('https without --ca: the certificate is not trusted', async () => {
    const r = await cli(['verify', 'vcluster-platform.yaml', '--url', url(ports.fileTls, 'https')], tmp);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^vcluster-cors: TLS error: the certificate of 127\.0\.0\.1 is not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN): .*\)\. If the Platform uses a private or self-signed CA, pass its certificate with `--ca FILE` \(PEM\)\.\n$/,
    );
  });

  test('https to an http port: the handshake fails', async () => {
    const r = await cli(['verify', 'vcluster-platform.yaml', '--url', url(ports.file, 'https'), '--ca', 'ca.pem'], tmp);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^vcluster-cors: TLS handshake with 127\.0\.0\.1:\d+ failed \(EPROTO: wrong version number\): does that port speak https\?\n$/,
    );
  });

  test('a server that never answers: --timeout 1', async () => {
    const r = await cli(['verify', 'vcluster-platform.yaml', '--url', url(ports.hanging), '--timeout', '1'], tmp);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      `vcluster-cors: no answer from ${url(ports.hanging)} within 1 s (\`--timeout\`): is the host reachable from here (VPN, firewall, proxy)?\n`,
    );
    assert.ok(r.ms < 5000, `gave up after ${r.ms} ms`);
  });

  test('the default URL is https://<ingress.host>/kubernetes/management/apis; a name that does not resolve', async () => {
    const f = path.join(tmp, 'invalid-host-platform-values.yaml');
    fs.writeFileSync(f, valuesText(FILE_ANN, 'platform.invalid'));
    const r = await cli(['verify', f, '--timeout', '5'], tmp);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^vcluster-cors: cannot resolve platform\.invalid( \(DNS lookup failed\): is ingress\.host right|: the DNS lookup failed temporarily)/,
    );
  });

  test('a file that allows any origin needs --origin (no request is sent)', async () => {
    const f = path.join(tmp, 'star-platform-values.yaml');
    fs.writeFileSync(f, valuesText({ 'enable-cors': 'true', 'cors-allow-origin': '*' }));
    const r = await cli(['verify', path.basename(f), '--url', url(ports.closed)], tmp);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `vcluster-cors: ${path.basename(f)}: the file allows any origin (\`*\`), so there is no origin to test with: pass \`--origin ORIGIN\` (the origin of the page that calls the Platform)\nRun \`vcluster-cors verify --help\` for usage.\n`,
    );
  });

  test('no ingress.host and no --url', async () => {
    const f = path.join(tmp, 'nohost-platform-values.yaml');
    fs.writeFileSync(
      f,
      `ingress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "${DASHBOARD}"\n`,
    );
    const r = await cli(['verify', f], tmp);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /has no usable ingress\.host to send the preflight to: pass `--url URL`/);
  });

  test('bad options', async () => {
    const cases: [string[], RegExp][] = [
      [['verify'], /`verify` needs the values file/],
      [['verify', 'a.yaml', 'b.yaml'], /`verify` checks one values file at a time/],
      [['verify', 'vcluster-platform.yaml', '--url', 'ftp://x'], /`--url` must be an http:\/\/ or https:\/\/ URL \(got `ftp:\/\/x`\)/],
      [['verify', 'vcluster-platform.yaml', '--url', 'https://u:p@x/'], /must not carry a user name or password/],
      [
        ['verify', 'vcluster-platform.yaml', '--timeout', '0'],
        /`--timeout` must be a number of seconds above 0 and at most 600 \(got `0`\)/,
      ],
      [['verify', 'vcluster-platform.yaml', '--timeout', 'soon'], /`--timeout` must be a number/],
      [['verify', 'vcluster-platform.yaml', '--method', 'PUT'], /`--method` is not an option of `verify`/],
      [
        ['verify', 'vcluster-platform.yaml', '--ca', 'server.csr', '--url', url(ports.closed, 'https')],
        /`server\.csr` holds no PEM certificate/,
      ],
      [
        ['verify', 'vcluster-platform.yaml', '--ca', 'missing.pem', '--url', url(ports.closed, 'https')],
        /cannot read `missing\.pem`: no such file or folder/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = await cli(args, tmp);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, re, args.join(' '));
    }
  });

  test('verify --help documents the request, the options and the exit codes', async () => {
    const r = await cli(['verify', '--help'], tmp);
    assert.equal(r.code, 0);
    for (const s of [
      '--origin',
      '--url',
      '--ca',
      '--timeout',
      '--format',
      'Access-Control-Request-Headers: authorization',
      'never sends cookies',
    ]) {
      assert.ok(r.stdout.includes(s), `verify --help mentions ${s}`);
    }
  });
});
