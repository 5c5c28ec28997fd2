// Conformance (issue 11, item 2): authentication in front of ingress-nginx's CORS answer, against real nginx.
//
// Each case is a set of annotations. The engine computes the policy and its `authGates` (policy/auth.ts); the
// location is rendered like ingress-nginx's template (rootfs/etc/nginx/template/nginx.tmpl at controller-v1.15.1:
// the CORS define, then `auth_request` + its internal location, `error_page 401 = @signin` + the sign-in named
// location that repeats the CORS block and returns 302, `auth_basic`, and at server level `ssl_client_certificate` +
// `ssl_verify_client`). A local node server plays the `auth-url` service (200 with `Cookie: session=ok`, else 401);
// a CA, a server and a client certificate are made with openssl in the temp dir (no key is committed).
// Probes: a preflight without credentials (status and ACAO predicted from the gates), an actual GET without
// credentials (an expired session), and one with them. Then Chromium: a fetch whose expired session is answered
// with the sign-in 302 must fail (a CORS error, not a status the app can read) — the warning's claim.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import tls from 'node:tls';
import net from 'node:net';
import { freePort, nginxTest, renderCors, corsConfig, startNginx } from './nginx.mjs';

const ORIGIN = 'https://app.example.com';
// {P}: the port of the pages Chromium runs in (http://app.test:{P}).
const BASE = { 'enable-cors': 'true', 'cors-allow-origin': `${ORIGIN}, http://app.test:{P}`, 'cors-allow-credentials': 'true' };
const SNIPPET_ECHO =
  "more_set_headers 'Access-Control-Allow-Origin: $http_origin';\nmore_set_headers 'Access-Control-Allow-Credentials: true';";
const SNIPPET_OPTIONS = `${SNIPPET_ECHO}\nif ($request_method = OPTIONS) { return 204; }`;

/** get: what an actual GET without credentials gets (status; whether ACAO is on it); creds: how to authenticate. */
export const authCases = [
  {
    name: 'enable-cors + auth-url: the preflight is answered before auth_request',
    ann: { ...BASE, 'auth-url': 'AUTH' },
    get: { status: 401, acao: true },
    creds: 'cookie',
  },
  {
    name: 'enable-cors + auth-url + auth-signin: expired session → 302 to the sign-in host',
    ann: { ...BASE, 'auth-url': 'AUTH', 'auth-signin': 'SIGNIN' },
    get: { status: 302, acao: true },
    creds: 'cookie',
  },
  {
    name: 'enable-cors + auth-type basic: the preflight is answered before auth_basic',
    ann: { ...BASE, 'auth-type': 'basic', 'auth-secret': 'basic-auth' },
    get: { status: 401, acao: true },
    creds: 'basic',
  },
  {
    name: 'hand-written CORS (snippet) + auth-url: the preflight reaches auth_request',
    ann: { 'configuration-snippet': SNIPPET_ECHO, 'auth-url': 'AUTH' },
    get: { status: 401, acao: true },
    creds: 'cookie',
  },
  {
    name: 'hand-written CORS answering OPTIONS + auth-url: the preflight is answered first',
    ann: { 'configuration-snippet': SNIPPET_OPTIONS, 'auth-url': 'AUTH' },
    get: { status: 401, acao: true },
    creds: 'cookie',
  },
  {
    name: 'enable-cors + auth-tls-verify-client on: no certificate → 400 before CORS',
    ann: { ...BASE, 'auth-tls-secret': 'ns/ca', 'auth-tls-verify-client': 'on' },
    get: { status: 400, acao: false },
    creds: 'cert',
    tls: true,
  },
  {
    name: 'enable-cors + auth-tls-secret alone (verify-client defaults to on)',
    ann: { ...BASE, 'auth-tls-secret': 'ns/ca' },
    get: { status: 400, acao: false },
    creds: 'cert',
    tls: true,
  },
  {
    name: 'enable-cors + auth-tls-verify-client optional: the preflight gets through',
    ann: { ...BASE, 'auth-tls-secret': 'ns/ca', 'auth-tls-verify-client': 'optional' },
    get: { status: 200, acao: true },
    creds: 'cert',
    tls: true,
  },
];

function sh(cmd, cwd) {
  const r = spawnSync('sh', ['-c', cmd], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
}

/** A CA, a server certificate and a client certificate signed by the CA (openssl, into dir). */
function makeCerts(dir) {
  const subj = (cn) => `-subj "/CN=${cn}"`;
  sh(`openssl req -x509 -newkey rsa:2048 -nodes -days 2 ${subj('conformance-ca')} -keyout ca.key -out ca.crt 2>/dev/null`, dir);
  sh(`openssl req -x509 -newkey rsa:2048 -nodes -days 2 ${subj('api.test')} -keyout server.key -out server.crt 2>/dev/null`, dir);
  sh(`openssl req -newkey rsa:2048 -nodes ${subj('client')} -keyout client.key -out client.csr 2>/dev/null`, dir);
  sh('openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -out client.crt 2>/dev/null', dir);
  const f = (n) => path.join(dir, n);
  return {
    ca: f('ca.crt'),
    cert: f('server.crt'),
    key: f('server.key'),
    clientCert: fs.readFileSync(f('client.crt')),
    clientKey: fs.readFileSync(f('client.key')),
  };
}

function policyOf(engine, ann) {
  const lines = Object.entries(ann).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`);
  const text = `ingress:\n  enabled: true\n  host: "platform.example.com"\n  annotations:\n${lines.join('\n')}\n`;
  const r = engine.lintText(text, { filePath: 'vcluster-platform.yaml', config: engine.DEFAULT_CONFIG });
  return { policy: r.policies[0], findings: r.findings.filter((f) => f.ruleId === 'preflight-blocked-by-auth') };
}

/** One server per case, rendered like ingress-nginx's template for these annotations. */
function renderAuthServer(c, { port, tlsPort, backend, auth, certs, prefix }) {
  const a = c.ann;
  // ingress-nginx's own CORS block only (a snippet's headers are pasted as written below).
  const cors = a['enable-cors'] === 'true' ? renderCors(corsConfig(c.policy)) : '';
  const loc = [];
  const extra = [];
  if (cors) loc.push(cors);
  if (a['configuration-snippet']) loc.push(a['configuration-snippet']);
  if (a['auth-url']) {
    extra.push(
      `location = /_external-auth-${c.index} {\n internal;\n proxy_pass_request_body off;\n proxy_set_header Content-Length "";\n proxy_set_header X-Original-Method $request_method;\n proxy_pass http://127.0.0.1:${auth}/auth;\n}`,
    );
    loc.push(`auth_request /_external-auth-${c.index};`);
  }
  if (a['auth-signin']) {
    // set_escape_uri (set-misc module) is not in Debian's nginx: the plain $request_uri stands in for it.
    extra.push(
      `location @signin${c.index} {\n internal;\n${cors}\n return 302 http://signin.test:${port}/start?rd=$scheme://$http_host$request_uri;\n}`,
    );
    loc.push(`error_page 401 = @signin${c.index};`);
  }
  if (a['auth-type']) loc.push(`auth_basic "Authentication Required";\nauth_basic_user_file ${prefix}/htpasswd;`);
  const tlsLines = c.tls
    ? `ssl_certificate ${certs.cert};\nssl_certificate_key ${certs.key};\nssl_client_certificate ${certs.ca};\nssl_verify_client ${/^(on|off|optional|optional_no_ca)$/.test(a['auth-tls-verify-client'] ?? '') ? a['auth-tls-verify-client'] : 'on'};\nssl_verify_depth 1;`
    : '';
  return `server {\n listen 127.0.0.1:${c.tls ? `${tlsPort} ssl` : port};\n server_name ${c.serverName};\n${tlsLines}\n${extra.join('\n')}\n location / {\n${loc.join('\n')}\n proxy_pass http://127.0.0.1:${backend};\n }\n}`;
}

function request(c, ctx, { method, headers, cert }) {
  return new Promise((resolve, reject) => {
    const sock = c.tls
      ? tls.connect({
          host: '127.0.0.1',
          port: ctx.tlsPort,
          servername: c.serverName,
          rejectUnauthorized: false,
          ...(cert ? { cert: ctx.certs.clientCert, key: ctx.certs.clientKey } : {}),
        })
      : net.connect(ctx.port, '127.0.0.1');
    const chunks = [];
    sock.setTimeout(5000, () => sock.destroy(new Error('timeout')));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', reject);
    sock.on('close', () => {
      const head = Buffer.concat(chunks).toString('latin1').split('\r\n\r\n')[0].split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '');
      if (!m) return reject(new Error(`bad response ${JSON.stringify(head[0])}`));
      const h = {};
      for (const l of head.slice(1)) h[l.slice(0, l.indexOf(':')).trim().toLowerCase()] = l.slice(l.indexOf(':') + 1).trim();
      resolve({ status: Number(m[1]), headers: h });
    });
    const lines = [
      `${method} / HTTP/1.1`,
      `Host: ${c.serverName}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      'Connection: close',
      '',
      '',
    ];
    const send = () => sock.write(lines.join('\r\n'));
    if (c.tls) sock.once('secureConnect', send);
    else sock.once('connect', send);
    sock.on('end', () => sock.end());
  });
}

async function probeCase(c, ctx) {
  const problems = [];
  const gates = c.policy.authGates ?? [];
  const blocking = gates.find((g) => !g.exemptsPreflight);
  // 1. the preflight, without credentials
  const pre = await request(c, ctx, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PUT' } });
  const want = blocking ? blocking.preflightStatus : c.policy.enabled ? c.policy.preflightStatus : 204;
  if (pre.status !== want)
    problems.push(
      `preflight: status ${pre.status}, predicted ${want} (${blocking ? `blocked by ${blocking.source}` : 'answered before auth'})`,
    );
  if (!blocking && pre.headers['access-control-allow-origin'] !== ORIGIN)
    problems.push(`preflight: ACAO ${JSON.stringify(pre.headers['access-control-allow-origin'])}, predicted ${ORIGIN}`);
  if (blocking && c.findings.length !== 1)
    problems.push(`preflight blocked by nginx, but preflight-blocked-by-auth reports ${c.findings.length} finding(s)`);
  if (!blocking && c.findings.some((f) => f.messageId === 'preflightBlocked'))
    problems.push('preflight answered by nginx, but preflight-blocked-by-auth reports it blocked');
  // 2. the actual request without credentials (an expired session)
  const get = await request(c, ctx, { method: 'GET', headers: { Origin: ORIGIN } });
  if (get.status !== c.get.status) problems.push(`GET without credentials: status ${get.status}, expected ${c.get.status}`);
  if (!!get.headers['access-control-allow-origin'] !== c.get.acao)
    problems.push(`GET without credentials: ACAO ${c.get.acao ? 'missing' : 'sent'}`);
  const signin = gates.find((g) => g.redirectsTo);
  if (signin && !String(get.headers.location ?? '').startsWith(`http://signin.test:${ctx.port}/`))
    problems.push(`GET: Location ${get.headers.location}, predicted the sign-in URL`);
  if (signin && !c.findings.some((f) => f.messageId === 'signinRedirect'))
    problems.push('302 to the sign-in page, but no signinRedirect finding');
  // 3. with credentials
  const creds = {
    cookie: { Cookie: 'session=ok' },
    basic: { Authorization: 'Basic ' + Buffer.from('user:pass').toString('base64') },
    cert: {},
  }[c.creds];
  const ok = await request(c, ctx, { method: 'GET', headers: { Origin: ORIGIN, ...creds }, cert: c.creds === 'cert' });
  if (ok.status !== 200) problems.push(`GET with credentials: status ${ok.status}, expected 200`);
  return { problems, summary: `preflight ${pre.status}, GET ${get.status}${get.headers['access-control-allow-origin'] ? ' +ACAO' : ''}` };
}

/** Chromium: the expired-session 302 to the sign-in host is a CORS error for the page's fetch; a 401 is readable. */
async function browserSignin(page, c, ctx, blocked) {
  // The API is served on the plain-http port under a name Chromium resolves to 127.0.0.1 (*.test).
  await page.goto(`http://app.test:${ctx.port}/`);
  const url = `http://${c.serverName}:${ctx.port}/`;
  const r = await page.evaluate(async (u) => {
    try {
      const res = await fetch(u, { credentials: 'include' });
      return { outcome: 'allowed', status: res.status };
    } catch (e) {
      return { outcome: 'blocked', error: String(e) };
    }
  }, url);
  if (blocked) return r.outcome === 'blocked' ? [] : [`Chromium read status ${r.status}: the 302 to the sign-in host did not fail`];
  return r.outcome === 'allowed' && r.status === 401 ? [] : [`Chromium: ${r.outcome} ${r.status ?? r.error}, expected a readable 401`];
}

/**
 * Runs the auth cases on their own nginx (prefix dir under tmp). `report(ok, title, details)` prints a case;
 * `page` (optional) is a Chromium page with *.test mapped to 127.0.0.1. Returns the number of requests made.
 */
export async function runAuthCases({ engine, bin, module, tmp, report, page, onSpawn }) {
  const prefix = path.join(tmp, 'auth');
  fs.mkdirSync(prefix, { recursive: true });
  const certs = makeCerts(prefix);
  // nginx's workers (nobody, when run as root) read the password file at request time.
  fs.writeFileSync(path.join(prefix, 'htpasswd'), 'user:{PLAIN}pass\n', { mode: 0o644 });
  for (const d of [tmp, prefix]) fs.chmodSync(d, 0o711);
  const authServer = http.createServer((req, res) => {
    if (req.url.startsWith('/auth')) res.writeHead(/session=ok/.test(req.headers.cookie ?? '') ? 200 : 401).end();
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>sign in</p>');
  });
  await new Promise((r) => authServer.listen(0, '127.0.0.1', r));
  const [port, tlsPort, backend] = [await freePort(), await freePort(), await freePort()];
  const ctx = { port, tlsPort, backend, auth: authServer.address().port, certs, prefix };
  const cases = authCases.map((c, i) => ({ ...c, index: i + 1, serverName: `auth${i + 1}.api.test` }));
  for (const c of cases) {
    c.ann = Object.fromEntries(Object.entries(c.ann).map(([k, v]) => [k, v.replaceAll('{P}', String(port))]));
    Object.assign(c, policyOf(engine, c.ann));
  }
  const conf = path.join(prefix, 'nginx.conf');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((d) => `${d}_temp_path ${prefix}/${d};`).join('\n');
  fs.writeFileSync(
    conf,
    `load_module ${module};\nworker_processes 1;\nevents { worker_connections 256; }\nhttp {\naccess_log off;\n${temp}\n` +
      `server { listen 127.0.0.1:${backend}; location / { if ($request_method = 'OPTIONS') { return 404; } return 200 'ok'; } }\n` +
      `server { listen 127.0.0.1:${port}; server_name app.test signin.test; location / { default_type text/html; return 200 '<!doctype html><p>page</p>'; } }\n` +
      `${cases.map((c) => renderAuthServer(c, ctx)).join('\n')}\n}\n`,
  );
  const t = nginxTest(bin, conf, prefix);
  if (!t.ok) throw new Error(`nginx rejects the auth config: ${t.stderr}`);
  let proc;
  let requests = 0;
  try {
    proc = await startNginx(bin, conf, prefix, [port, tlsPort], (p) => {
      proc = p;
      onSpawn?.(p);
    });
    for (const c of cases) {
      let res;
      try {
        res = await probeCase(c, ctx);
      } catch (e) {
        res = { problems: [`error: ${e.message}`], summary: 'aborted' };
      }
      requests += 3;
      report(res.problems.length === 0, `nginx auth: ${c.name} (${res.summary})`, res.problems);
    }
    if (page) {
      for (const [c, blocked] of [
        [cases[1], true],
        [cases[0], false],
      ]) {
        const problems = await browserSignin(page, c, ctx, blocked).catch((e) => [`error: ${e.message}`]);
        const what = blocked ? 'the sign-in 302 → fetch fails (CORS error)' : 'the 401 with CORS headers → the app reads 401';
        report(problems.length === 0, `browser auth: expired session, ${what}`, problems);
      }
    }
  } finally {
    authServer.close();
    if (proc && proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    }
  }
  return requests;
}
