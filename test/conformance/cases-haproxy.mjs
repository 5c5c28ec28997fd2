// Conformance against real haproxy (Debian's package): for each annotation set, the engine computes the
// EffectivePolicy of the HAProxy controller; this file writes the haproxy configuration that controller
// generates for it (HAProxy Ingress v0.16.1: rootfs/etc/templates/haproxy/haproxy.tmpl and
// rootfs/etc/lua/services.lua; HAProxy Technologies: pkg/annotations/ingress/resSetCORS.go and the rule
// order of pkg/haproxy/rules — docs/reference/haproxy-ingress.md, docs/reference/haproxy.md), runs haproxy
// in front of a backend that answers 200 to everything, and checks that each request gets exactly the
// status and CORS headers the engine's controllerResponse() predicts.
// What is rendered here is our reading of the controllers' templates, not the controllers themselves.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ING = (ann) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: c\n  annotations:\n${Object.entries(ann)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
    .join('\n')}\nspec:\n  ingressClassName: haproxy\n`;
const HI = (o) =>
  Object.fromEntries(Object.entries({ 'cors-enable': 'true', ...o }).map(([k, v]) => [`haproxy-ingress.github.io/${k}`, v]));
const HT = (o) => Object.fromEntries(Object.entries({ 'cors-enable': 'true', ...o }).map(([k, v]) => [`haproxy.org/${k}`, v]));

export const haproxyCases = [
  { name: 'haproxy-ingress: defaults (`*`)', ann: HI({}) },
  { name: 'haproxy-ingress: `*` + credentials echoes any Origin', ann: HI({ 'cors-allow-credentials': 'true' }) },
  { name: 'haproxy-ingress: one origin is sent as is', ann: HI({ 'cors-allow-origin': 'https://app.test', 'cors-max-age': '600' }) },
  {
    name: 'haproxy-ingress: two origins are compared exactly',
    ann: HI({ 'cors-allow-origin': 'https://app.test,https://b.test', 'cors-allow-credentials': 'true' }),
  },
  { name: 'haproxy-ingress: regex only, list defaults to `*`', ann: HI({ 'cors-allow-origin-regex': '^https://[a-z]+\\.app\\.test$' }) },
  {
    name: 'haproxy-ingress: unanchored regex',
    ann: HI({ 'cors-allow-origin': 'https://b.test', 'cors-allow-origin-regex': 'app\\.test' }),
  },
  {
    name: 'haproxy-ingress: a space after the comma voids the list',
    ann: HI({ 'cors-allow-origin': 'https://app.test, https://b.test', 'cors-expose-headers': 'X-Id' }),
  },
  { name: 'haproxy.org: defaults (`*`)', ann: HT({}) },
  {
    name: 'haproxy.org: unanchored regex origin, bare max-age is ms',
    ann: HT({ 'cors-allow-origin': 'https://app.test', 'cors-max-age': '86400', 'cors-allow-methods': 'get, post' }),
  },
  { name: 'haproxy.org: `*` + credentials', ann: HT({ 'cors-allow-credentials': 'true', 'cors-respond-to-options': 'true' }) },
  {
    name: 'haproxy.org: anchored regex, respond-to-options',
    ann: HT({ 'cors-allow-origin': '^https://(app|b)\\.test$', 'cors-respond-to-options': 'true', 'cors-max-age': '1h' }),
  },
];

const ORIGINS = [
  null,
  'https://app.test',
  'https://b.test',
  'https://x.app.test',
  'https://app.test.evil.test',
  'http://app.test',
  'https://evil.test',
];
/** haproxy-ingress's `haquote`: single quotes, `'` written as `'"'"'`. */
const hq = (s) => `'${s.replaceAll("'", `'"'"'`)}'`;

/** haproxy-ingress v0.16.1: the backend lines of one CORS-enabled path (i = 0). */
function renderHaproxyIngress(p) {
  const list = p.fellBack?.origin ? [] : p.writtenOrigins.filter((m) => m.kind !== 'regex').map((m) => m.value);
  const origins = list.length ? list : ['*'];
  const regex = p.writtenOrigins.filter((m) => m.kind === 'regex').map((m) => m.value);
  const creds = p.allowCredentials;
  const wildcardWithCreds = origins[0] === '*' && creds;
  const dynamic = regex.length > 0 || origins.length > 1;
  const L = [
    '    http-request set-var(txn.hdr_origin0) req.hdr(Origin) if { req.hdr(Origin) -m found }',
    `    http-request set-var(txn.cors_max_age) str(${p.maxAge}) if METH_OPTIONS`,
    '    http-request use-service lua.send-cors-preflight if METH_OPTIONS',
    '    acl cors_has_origin0 var(txn.hdr_origin0) -m found',
  ];
  if (dynamic) {
    L.push(`    acl cors_allow_origin0 var(txn.hdr_origin0) -m str ${origins.join(' ')}`);
    if (regex.length) L.push(`    acl cors_allow_origin0 var(txn.hdr_origin0) -m reg ${regex.map(hq).join(' ')}`);
  }
  const acao = dynamic || wildcardWithCreds ? '"%[var(txn.hdr_origin0)]"' : `"${origins[0]}"`;
  L.push(
    `    http-after-response set-header Access-Control-Allow-Origin ${acao} if cors_has_origin0${dynamic ? ' cors_allow_origin0' : ''}`,
  );
  if (dynamic)
    L.push(`    http-after-response set-header Access-Control-Allow-Origin "${origins[0]}" if cors_has_origin0 !cors_allow_origin0`);
  L.push(`    http-after-response set-header Access-Control-Allow-Methods "${p.allowMethods}" if cors_has_origin0`);
  L.push(`    http-after-response set-header Access-Control-Allow-Headers "${p.allowHeaders}" if cors_has_origin0`);
  if (creds) L.push('    http-after-response set-header Access-Control-Allow-Credentials "true" if cors_has_origin0');
  if (p.exposeHeaders) L.push(`    http-after-response set-header Access-Control-Expose-Headers "${p.exposeHeaders}" if cors_has_origin0`);
  if (dynamic || wildcardWithCreds) {
    L.push(
      '    http-after-response set-header Vary %[res.fhdr(Vary)],Origin if { res.hdr(Vary) -m found } ! { res.hdr(Vary) -m str "Origin" }',
    );
    L.push('    http-after-response set-header Vary Origin if ! { res.hdr(Vary) -m found }');
  }
  return L;
}

/** HAProxy Technologies: the frontend rules resSetCORS.go adds, in rule-type order (set-var, return, after-response). */
function renderHaproxyTech(p, ann) {
  const v = (k) => ann[`haproxy.org/${k}`];
  const origin = v('cors-allow-origin') ?? '*';
  const acl = origin === '*' ? '{ var(txn.cors_origin) -m found }' : `{ var(txn.cors_origin) -m reg ${origin} }`;
  const L = ['    http-request set-var(txn.cors_origin) req.hdr(origin)'];
  if (v('cors-respond-to-options') === 'true') L.push('    http-request return status 204 if METH_OPTIONS');
  L.push(`    http-after-response set-header Access-Control-Allow-Origin ${origin === '*' ? '*' : '%[var(txn.cors_origin)]'} if ${acl}`);
  if (p.allowMethods)
    L.push(
      `    http-after-response set-header Access-Control-Allow-Methods ${p.allowMethods === '*' ? '*' : `"${p.allowMethods}"`} if ${acl}`,
    );
  L.push(`    http-after-response set-header Access-Control-Allow-Headers "${p.allowHeaders}" if ${acl}`);
  if (p.maxAge !== null) L.push(`    http-after-response set-header Access-Control-Max-Age "${p.maxAge}" if ${acl}`);
  if (p.allowCredentials) L.push(`    http-after-response set-header Access-Control-Allow-Credentials "true" if ${acl}`);
  return L;
}

function renderConf(cases, port, backend, dir) {
  const out = [
    'global',
    `    lua-load ${path.join(dir, 'services.lua')}`,
    'defaults',
    '    mode http',
    '    timeout connect 2s',
    '    timeout client 5s',
    '    timeout server 5s',
    'frontend backend_app',
    `    bind 127.0.0.1:${backend}`,
    '    http-request return status 200 content-type text/plain string ok',
  ];
  for (const c of cases) {
    if (c.policy.controller === 'haproxy') {
      out.push(`frontend f${c.i}`, `    bind 127.0.0.1:${c.port}`, ...renderHaproxyTech(c.policy, c.ann), `    default_backend app${c.i}`);
      out.push(`backend app${c.i}`, `    server s 127.0.0.1:${backend}`);
    } else {
      out.push(`frontend f${c.i}`, `    bind 127.0.0.1:${c.port}`, `    default_backend b${c.i}`);
      out.push(`backend b${c.i}`, ...renderHaproxyIngress(c.policy), `    server s 127.0.0.1:${backend}`);
    }
  }
  return out.join('\n') + '\n';
}

const LUA = `core.register_service("send-cors-preflight", "http", function(applet)
    applet:set_status(204)
    applet:add_header("Content-Length", 0)
    applet:add_header("Content-Type", "text/plain")
    applet:add_header("Access-Control-Max-Age", applet:get_var("txn.cors_max_age"))
    applet:start_response()
end)
`;

function request(port, method, headers) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let data = '';
    s.setTimeout(4000, () => s.destroy(new Error('timeout')));
    s.on('data', (d) => (data += d));
    s.on('error', reject);
    s.on('end', () => {
      const [head] = data.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const h = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        h[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status, headers: h });
    });
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    s.write(`${method} / HTTP/1.1\r\nHost: api.test\r\n${extra}Connection: close\r\n\r\n`);
  });
}

const corsOnly = (h) =>
  Object.fromEntries(
    Object.entries(h)
      .filter(([k]) => /^access-control-|^vary$/.test(k))
      .sort(),
  );

/** Runs every case; `report(ok, title, details)` records each one. Returns the number of requests. */
export async function runHaproxyConformance(engine, dir, freePort, report) {
  const bin = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).stdout.trim() || '/usr/sbin/haproxy';
  const cases = [];
  for (const [i, c] of haproxyCases.entries()) {
    const res = engine.lintText(ING(c.ann), { filePath: 'ingress.yaml' });
    const policy = res.policies.find((p) => p.controller === 'haproxy' || p.controller === 'haproxy-ingress');
    cases.push({ ...c, i, policy, port: await freePort() });
  }
  const backend = await freePort();
  fs.writeFileSync(path.join(dir, 'services.lua'), LUA);
  const conf = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(conf, renderConf(cases, backend, backend, dir));
  const check = spawnSync(bin, ['-c', '-q', '-f', conf], { encoding: 'utf8' });
  if (check.status !== 0) {
    report(false, 'haproxy: the rendered configuration', [check.stderr]);
    return 0;
  }
  const proc = spawn(bin, ['-db', '-f', conf], { stdio: 'ignore' });
  let probes = 0;
  try {
    await new Promise((r) => setTimeout(r, 400));
    for (const c of cases) {
      const problems = [];
      for (const origin of ORIGINS) {
        for (const [method, extra] of [
          ['GET', {}],
          ['OPTIONS', { 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization' }],
        ]) {
          const headers = { ...(origin === null ? {} : { Origin: origin }), ...extra };
          const got = await request(c.port, method, headers);
          probes++;
          const want = engine.controllerResponse(c.policy, {
            method,
            origin,
            requestMethod: extra['Access-Control-Request-Method'] ?? null,
            requestHeaders: extra['Access-Control-Request-Headers'] ?? null,
          });
          const wantStatus = want.status === 'backend' ? 200 : want.status;
          const wantH = corsOnly(Object.fromEntries(Object.entries(want.headers).map(([k, v]) => [k.toLowerCase(), v])));
          const gotH = corsOnly(got.headers);
          if (got.status !== wantStatus || JSON.stringify(gotH) !== JSON.stringify(wantH))
            problems.push(
              `${method} Origin ${origin}: haproxy ${got.status} ${JSON.stringify(gotH)}; engine ${wantStatus} ${JSON.stringify(wantH)}`,
            );
        }
      }
      report(problems.length === 0, `haproxy: ${c.name} (${ORIGINS.length * 2} requests)`, problems);
    }
  } finally {
    proc.kill('SIGTERM');
  }
  return probes;
}
