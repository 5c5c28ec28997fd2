#!/usr/bin/env node
// Conformance run: the engine's model against real nginx and real Chromium.
//
// 1. For every annotation set in cases.mjs the engine computes the EffectivePolicy; the CORS part of the
//    nginx config is rendered from it exactly like ingress-nginx's template (buildCorsOriginRegex + the
//    `CORS` define, shared/reference/ingress-nginx.md §3), one `server` per case (server_name cN.test), in
//    front of a backend that answers 200 "ok" (404 for OPTIONS). Real nginx with headers-more serves it; GET
//    and preflight requests from many origins must get exactly the status and CORS headers simulate()
//    predicts.
// 2. Headless Chromium loads pages from http://app.test:<port> (and other *.test hosts, all mapped to
//    127.0.0.1 by --host-resolver-rules) and calls http://bp-<policy>.api.test:<port> with fetch(). The
//    outcome (resolves vs TypeError) must equal simulate()'s browserVerdict, and whether a preflight reached
//    nginx must equal simulate()'s `preflight`. Plain http on test host names: https would only need
//    certificates, the CORS algorithm is the same. Local Network Access does not get in the way: the page
//    and the API both resolve to 127.0.0.1, the same address space, so no flag is needed for it; every other
//    host name resolves to nothing (no outside network).
//
// Requests to nginx go over a raw socket: Node's http client upper-cases methods and rejects a bare LF in a
// header value, and both are cases to observe (nginx answers `patch` with 400; an unvalidated annotation
// with a newline reaches the wire).
//
// Output: one `ok`/`not ok` line per case, then `N passed, N failed`. Exit 1 on any disagreement.
// As root it installs nginx, the headers-more module and chromium with apt when missing (without starting
// the system nginx service).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { nginxCases, browserPolicies, browserCases } from './cases.mjs';
import { versionCases, versionRenderPolicy } from './cases-versions.mjs';
import { ensureDeps, freePort, headersMoreModule, nginxBin, nginxTest, renderServer, startNginx } from './nginx.mjs';
import { runAuthCases } from './cases-auth.mjs';
import { browserPolicyName, diffProblems, migrateBrowserCases, prepareMigrateCases, runMigrateNginx } from './migrate.mjs';
import { runHandwritten } from './cases-handwritten.mjs';
import { runHaproxyConformance } from './cases-haproxy.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const t0 = Date.now();
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const DEADLINE_MS = 170_000;
const log = (...a) => process.stderr.write(a.join(' ') + '\n');

let passed = 0;
let failed = 0;
let n = 0;
const failures = [];
let nginxProc = null;
let browser = null;
let tmp = null;
let cleaned = false;

async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (browser) await browser.close().catch(() => {});
  if (nginxProc && nginxProc.exitCode === null) {
    const exited = new Promise((r) => nginxProc.once('exit', r));
    nginxProc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (nginxProc.exitCode === null) nginxProc.kill('SIGKILL');
  }
  if (tmp && !process.env.KEEP_CONFORMANCE_TMP) fs.rmSync(tmp, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => cleanup().then(() => process.exit(130)));
process.on('exit', () => {
  // last resort, synchronous
  if (nginxProc && nginxProc.exitCode === null)
    try {
      nginxProc.kill('SIGKILL');
    } catch {}
});
const deadline = setTimeout(() => {
  log(`conformance: not finished after ${DEADLINE_MS / 1000} s, giving up`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  cleanup().then(() => process.exit(1));
}, DEADLINE_MS);
deadline.unref();

/* ------------------------------------------------------------------ engine */

async function loadEngine(dir) {
  if (!fs.existsSync(path.join(root, 'server/src/engine/rules/index.generated.ts'))) {
    spawnSync(process.execPath, [path.join(root, 'scripts/gen-rules.mjs')], { stdio: 'inherit' });
  }
  const outfile = path.join(dir, 'engine.cjs');
  await build({
    stdin: {
      contents: [
        "export { lintText } from './server/src/engine/lint';",
        "export { DEFAULT_CONFIG } from './server/src/engine/config/config';",
        "export { simulate, controllerResponse } from './server/src/engine/simulate';",
        "export { migrate, requestSet, behaviourDiff } from './server/src/engine/migrate';",
        "export { computePolicies } from './server/src/engine/index';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'conformance-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return require(outfile);
}

function policyOf(engine, ann, validation = true, controllers = undefined) {
  const lines = Object.entries(ann).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`);
  const text = `ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\n${lines.join('\n')}\n`;
  const r = engine.lintText(text, {
    filePath: 'vcluster-platform.yaml',
    config: { ...engine.DEFAULT_CONFIG, annotationValidation: validation, ...(controllers ? { controllers } : {}) },
  });
  if (r.policies.length !== 1) throw new Error(`expected one policy, got ${r.policies.length}`);
  return r.policies[0];
}

function renderConf({ module, prefix, port, backend, servers, pageHosts }) {
  return `load_module ${module};
worker_processes 1;
events { worker_connections 1024; }
http {
    access_log off;
    log_format probe '$host|$request_method|$request_uri|$http_origin';
    uninitialized_variable_warn off;
    server_names_hash_bucket_size 128;
    server_names_hash_max_size 4096;
    client_body_temp_path ${prefix}/client_body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;

    # the backend behind the Ingress: 200 "ok", and 404 for an OPTIONS that falls through
    server {
        listen 127.0.0.1:${backend};
        location / {
            if ($request_method = 'OPTIONS') { return 404; }
            default_type text/plain;
            return 200 'ok';
        }
    }
    # pages the browser cases run in
    server {
        listen 127.0.0.1:${port};
        server_name ${pageHosts.join(' ')};
        location / {
            default_type text/html;
            return 200 '<!doctype html><meta charset="utf-8"><title>page</title><p>page</p>';
        }
    }
    server {
        listen 127.0.0.1:${port} default_server;
        return 421;
    }
${servers.join('\n')}
}
`;
}

/** Node's http client upper-cases methods; this one sends the request line as given (for `patch`). */
function rawRequest({ port, host, method, pathname = '/', headers = {} }) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    sock.setTimeout(5000, () => sock.destroy(new Error('timeout')));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', reject);
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.split('\r\n\r\n')[0].split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '');
      if (!m) return reject(new Error(`bad response: ${JSON.stringify(text.slice(0, 80))}`));
      const raw = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        (raw[line.slice(0, i).trim().toLowerCase()] ??= []).push(line.slice(i + 1).trim());
      }
      resolve({ status: Number(m[1]), headers: raw });
    });
    const lines = [
      `${method} ${pathname} HTTP/1.1`,
      `Host: ${host}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      'Connection: close',
      '',
      '',
    ];
    // no half-close: nginx would take the FIN for a client abort and drop the proxied request (499)
    sock.write(lines.join('\r\n'));
    sock.on('end', () => sock.end());
  });
}

/**
 * Probes use the raw client: it keeps the method as given (Node's http upper-cases it) and reads header
 * values byte for byte (Node's strict parser throws on a bare LF inside a value, which nginx does send when
 * an unvalidated annotation carries a newline).
 */
function httpRequest(opts) {
  return rawRequest(opts);
}

/* ------------------------------------------------------------------ nginx probes */

/** Browser-like origins to try against a case: each written origin, its neighbours and some strangers. */
function probeOrigins(policy) {
  const set = new Set(['https://evil.example', 'null', 'http://foonull', 'https://a.com', 'https://b.com', 'http://localhost:3000']);
  for (const w of policy.writtenOrigins) {
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\*\.)?([A-Za-z0-9.\-_[\]:]*?)(?::(\d+))?(\/.*)?$/.exec(w.value);
    if (!m) continue;
    const [, scheme, star, host, port] = m;
    if (host === '' || host.includes('*')) continue;
    const s = scheme.toLowerCase();
    const p = port ? `:${port}` : '';
    if (star) {
      set.add(`${s}://x.${host}${p}`);
      set.add(`${s}://my-app.${host}${p}`);
      set.add(`${s}://a.b.${host}${p}`); // deeper subdomain
      set.add(`${s}://${host}${p}`); // apex
      set.add(`${s}://x.${host}${port ? '' : ':8443'}`); // other port
    } else {
      set.add(`${s}://${host}${p}`);
      set.add(`${s}://${host.toLowerCase()}${p}`);
      set.add(`${s}://evil-${host}${p}`); // suffix trick on the host
      set.add(`${s}://${host}.evil.example${p}`); // prefix trick
      set.add(`${s}://x.${host}${p}`);
      set.add(`${s}://${host}${port ? '' : ':8443'}`); // other port / default port left out
      set.add(`${s.toUpperCase()}://${host.toUpperCase()}${p}`); // nginx matches case-insensitively
    }
  }
  return [...set];
}

// Content-Type/-Length are compared on the controller's own 204; elsewhere they belong to the backend or nginx.
const COMPARED = (name, withBody) =>
  name.startsWith('access-control-') || name === 'vary' || (withBody && (name === 'content-type' || name === 'content-length'));

/** Compare a real response with a predicted {status, headers}; returns a list of differences. */
function diff(actual, expected, { backendStatus }) {
  const problems = [];
  const expStatus = expected.status === 'backend' ? backendStatus : expected.status;
  if (actual.status !== expStatus)
    problems.push(`status ${actual.status}, predicted ${expStatus}${expected.status === 'backend' ? ' (backend)' : ''}`);
  const withBody = expected.status === 204;
  const exp = {};
  for (const [k, v] of Object.entries(expected.headers)) exp[k.toLowerCase()] = v;
  const names = new Set([
    ...Object.keys(exp).filter((k) => COMPARED(k, withBody)),
    ...Object.keys(actual.headers).filter((k) => COMPARED(k, withBody)),
  ]);
  for (const n of [...names].sort()) {
    const a = actual.headers[n];
    const e = exp[n];
    if (a === undefined) problems.push(`${n} missing, predicted ${JSON.stringify(e)}`);
    else if (e === undefined) problems.push(`${n}: ${JSON.stringify(a.join(', '))} sent, predicted absent`);
    else if (a.length !== 1 || a[0] !== e)
      problems.push(`${n}: ${JSON.stringify(a.length === 1 ? a[0] : a)} sent, predicted ${JSON.stringify(e)}`);
  }
  return problems;
}

async function runNginxCase(engine, c, policy, port) {
  const host = c.serverName;
  const problems = [];
  let probes = 0;
  const check = async (what, request, expected, backendStatus) => {
    probes++;
    try {
      const actual = await httpRequest({ port, host, ...request });
      for (const p of diff(actual, expected, { backendStatus })) problems.push(`${what}: ${p}`);
    } catch (e) {
      problems.push(`${what}: request failed: ${e.message}`);
    }
  };
  const jobs = [];
  for (const origin of probeOrigins(policy)) {
    const get = engine.simulate(policy, { origin, method: 'GET' });
    jobs.push(
      check(
        `GET Origin: ${origin}`,
        { method: 'GET', headers: { Origin: origin } },
        { status: get.responseStatus, headers: get.responseHeaders },
        200,
      ),
    );
    const put = engine.simulate(policy, { origin, method: 'PUT', headers: ['Authorization', 'X-Custom'] });
    jobs.push(
      check(
        `preflight Origin: ${origin}`,
        {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'PUT',
            'Access-Control-Request-Headers': put.requestHeaders.join(','),
          },
        },
        put.preflightResponse,
        404,
      ),
    );
  }
  // a method nginx's request-line parser refuses
  const lower = engine.simulate(policy, { origin: 'https://a.com', method: 'patch' });
  jobs.push(
    check(
      'patch Origin: https://a.com',
      { method: 'patch', headers: { Origin: 'https://a.com' } },
      { status: lower.responseStatus, headers: lower.responseHeaders },
      200,
    ),
  );
  for (const method of ['GET', 'OPTIONS']) {
    const r = engine.controllerResponse(policy, { method, origin: null });
    jobs.push(check(`${method} without Origin`, { method }, { status: r.status, headers: r.headers }, method === 'OPTIONS' ? 404 : 200));
  }
  await Promise.all(jobs);
  return { problems, probes };
}

/* ------------------------------------------------------------------ browser */

async function runBrowserCase(page, c, ctx) {
  const { port, engine, policies, accessLog } = ctx;
  const policy = policies[c.policy];
  const pageOrigin = c.from === 'sandbox' ? 'null' : `http://${c.from}:${port}`;
  const pageUrl = `http://${c.from === 'sandbox' ? 'app.test' : c.from}:${port}/`;
  const pathname = `/case/${c.index}`;
  const url = `http://bp-${c.policy}.api.test:${port}${pathname}`;
  const headers = {};
  for (const e of c.headers ?? []) {
    const i = e.indexOf(':');
    headers[e.slice(0, i).trim()] = e.slice(i + 1).trim();
  }
  const init = { method: c.method, headers, credentials: c.credentials ? 'include' : 'same-origin', mode: 'cors' };
  const consoleLines = [];
  const onConsole = (m) => consoleLines.push(m.text());
  page.on('console', onConsole);
  await page.goto(pageUrl);
  let result;
  if (c.from === 'sandbox') {
    result = await page.evaluate(
      ({ url, init }) =>
        new Promise((resolve) => {
          const script = `fetch(${JSON.stringify(url)}, ${JSON.stringify(init)})
            .then(async (r) => { await r.text(); parent.postMessage({ outcome: 'allowed', status: r.status }, '*'); })
            .catch((e) => parent.postMessage({ outcome: 'blocked', error: String(e) }, '*'));`;
          window.addEventListener('message', (ev) => resolve(ev.data), { once: true });
          const f = document.createElement('iframe');
          f.setAttribute('sandbox', 'allow-scripts');
          f.srcdoc = `<script>${script}<\/script>`;
          document.body.appendChild(f);
          setTimeout(() => resolve({ outcome: 'timeout' }), 10000);
        }),
      { url, init },
    );
  } else {
    result = await page.evaluate(
      async ({ url, init }) => {
        try {
          const r = await fetch(url, init);
          await r.text();
          return { outcome: 'allowed', status: r.status };
        } catch (e) {
          return { outcome: 'blocked', error: String(e) };
        }
      },
      { url, init },
    );
  }
  page.off('console', onConsole);
  await new Promise((r) => setTimeout(r, 30)); // let nginx flush the access log line
  const lines = fs.existsSync(accessLog) ? fs.readFileSync(accessLog, 'utf8').split('\n') : [];
  const hits = lines.filter((l) => l.split('|')[2] === pathname);
  const sawPreflight = hits.some((l) => l.split('|')[1] === 'OPTIONS');
  const sim = engine.simulate(policy, { origin: pageOrigin, method: c.method, headers: c.headers, credentials: !!c.credentials });
  const problems = [];
  if (result.outcome !== sim.browserVerdict) {
    problems.push(
      `Chromium: ${result.outcome}${result.error ? ` (${result.error})` : ''}; simulate browserVerdict: ${sim.browserVerdict} (${sim.reason})`,
    );
    if (consoleLines.length) problems.push(`console: ${consoleLines.join(' | ').slice(0, 600)}`);
  }
  if (sawPreflight !== sim.preflight)
    problems.push(`preflight ${sawPreflight ? 'sent' : 'not sent'} by Chromium, simulate says ${sim.preflight ? 'needed' : 'not needed'}`);
  return { problems, result, sim };
}

/* ------------------------------------------------------------------ main */

async function main() {
  ensureDeps(fs.existsSync(CHROMIUM) ? [] : ['chromium'], (m) => log(`conformance: ${m}`));
  const bin = nginxBin();
  const module = headersMoreModule();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vcluster-cors-conformance-'));
  const engine = await loadEngine(tmp);
  const [port, backend] = [await freePort(), await freePort()];
  const accessLog = path.join(tmp, 'browser-access.log');

  // nginx cases
  const cases = [...nginxCases, ...versionCases].map((c, i) => ({ ...c, index: i + 1, serverName: `c${i + 1}.test` }));
  for (const c of cases) c.policy = policyOf(engine, c.ann, c.validation ?? true, c.controllers);
  // browser policies
  const policies = {};
  for (const [name, def] of Object.entries(browserPolicies)) {
    const ann = Object.fromEntries(Object.entries(def.ann ?? def).map(([k, v]) => [k, v.replaceAll('{P}', String(port))]));
    policies[name] = { ...policyOf(engine, ann, def.validation ?? true), ...(def.override ?? {}) };
  }
  // migrate round trips (issue 17): each side is served like a browser policy
  const migrations = prepareMigrateCases(engine, port);
  for (const mc of migrations) for (const side of mc.sides) policies[browserPolicyName(mc, side)] = side.policy;
  const pageHosts = ['app.test', 'x.app.test', 'a.b.app.test', 'evil.test'];

  const serverOf = (c) => renderServer({ port, backend, serverName: c.serverName, policy: versionRenderPolicy(c) });
  const browserServers = Object.entries(policies).map(([name, policy]) =>
    renderServer({ port, backend, serverName: `bp-${name}.api.test`, policy, accessLog }),
  );
  const conf = path.join(tmp, 'nginx.conf');
  const write = (list) => fs.writeFileSync(conf, renderConf({ module, prefix: tmp, port, backend, servers: list, pageHosts }));

  // A rendered server nginx refuses is a finding of its own: find it and leave it out.
  const rejected = new Map();
  write([...cases.map(serverOf), ...browserServers]);
  let t = nginxTest(bin, conf, tmp);
  if (!t.ok) {
    for (const c of cases) {
      write([serverOf(c)]);
      const one = nginxTest(bin, conf, tmp);
      if (!one.ok) rejected.set(c.index, one.stderr);
    }
    write([...cases.filter((c) => !rejected.has(c.index)).map(serverOf), ...browserServers]);
    t = nginxTest(bin, conf, tmp);
    if (!t.ok) throw new Error(`nginx rejects the generated config: ${t.stderr}`);
  }
  await startNginx(bin, conf, tmp, port, (p) => {
    nginxProc = p;
  });

  const report = (ok, title, details = []) => {
    n++;
    if (ok) passed++;
    else {
      failed++;
      failures.push({ n, title, details });
    }
    console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${title}`);
    for (const d of ok ? [] : details) console.log(`    # ${d}`);
  };

  let nginxProbes = 0;
  for (const c of cases) {
    const title = `nginx: ${c.name}${c.validation === false ? ' [validation off]' : ''}`;
    if (rejected.has(c.index)) {
      report(false, title, [`nginx rejects the rendered config: ${rejected.get(c.index)}`]);
      continue;
    }
    const { problems, probes } = await runNginxCase(engine, c, c.policy, port);
    nginxProbes += probes;
    report(problems.length === 0, `${title} (${probes} requests)`, problems);
  }

  for (const mc of migrations) {
    const { problems, probes } = await runMigrateNginx(engine, mc, { port, httpRequest, compare: diff });
    nginxProbes += probes;
    problems.push(...diffProblems(engine, mc));
    const verdicts = mc.diff.differences.filter((d) => d.field === 'verdict').length;
    report(
      problems.length === 0,
      `migrate nginx: ${mc.name} (${mc.requests.length} generated requests on ${mc.sides.map((x) => x.label).join(' and ')}, ${probes} to nginx; ${verdicts} verdict difference(s) in the diff)`,
      problems,
    );
  }

  nginxProbes += await runHaproxyConformance(engine, tmp, freePort, report); // real haproxy (cases-haproxy.mjs)

  // Browser
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-proxy-server',
      // every *.test name is this machine; nothing else resolves (no outside network)
      '--host-resolver-rules=MAP *.test 127.0.0.1, MAP * ~NOTFOUND',
    ],
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  const ctx = { port, engine, policies, accessLog };
  let i = 0;
  for (const bc of [...browserCases, ...migrateBrowserCases(migrations)]) {
    const c = { ...bc, index: ++i };
    try {
      const { problems, result, sim } = await runBrowserCase(page, c, ctx);
      const spec = sim.verdict !== sim.browserVerdict ? `; spec: ${sim.verdict}` : '';
      report(problems.length === 0, `browser: ${c.name} → ${result.outcome}${spec}, preflight ${sim.preflight ? 'yes' : 'no'}`, problems);
    } catch (e) {
      report(false, `browser: ${c.name}`, [`error: ${e.message}`]);
    }
  }

  // Authentication in front of CORS (issue 11): its own nginx, auth server and certificates.
  nginxProbes += await runAuthCases({
    engine,
    bin,
    module,
    tmp,
    report,
    page,
    onSpawn: (p) => process.on('exit', () => p.exitCode === null && p.kill('SIGKILL')),
  });
  // issue 11: hand-written headers in snippets and custom-http-errors, on an nginx of their own
  let hwProc = null;
  process.on('exit', () => hwProc?.exitCode === null && hwProc.kill('SIGKILL'));
  const hw = await runHandwritten({
    engine,
    report,
    httpRequest,
    bin,
    module,
    tmp,
    page,
    pagePort: port,
    onNginx: (p) => {
      hwProc = p;
    },
  });
  nginxProbes += hw.probes;

  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  log(
    `conformance: ${cases.length} annotation sets and ${migrations.length} migrations (${nginxProbes} requests to nginx), ${i} browser cases, ${secs} s`,
  );
  if (failures.length) {
    log('disagreements:');
    for (const f of failures) log(`  ${f.n} ${f.title}\n${f.details.map((d) => '      ' + d).join('\n')}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0;
}

main()
  .then(async (ok) => {
    await cleanup();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (e) => {
    log(`conformance: ${e.stack || e.message}`);
    await cleanup();
    console.log(`not ok ${n + 1} - conformance run aborted: ${String(e.message).split('\n')[0]}`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  });
