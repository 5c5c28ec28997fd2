// Real nginx for tests: installing it (with the headers-more module), rendering the CORS part of its config
// from the engine's EffectivePolicy exactly like ingress-nginx's template, and running it on 127.0.0.1.
// Shared by the conformance run (run.mjs) and the `vcluster-cors verify` tests (test/cli/verify.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/* ------------------------------------------------------------------ dependencies */

function sh(cmd) {
  return spawnSync('sh', ['-c', cmd], { encoding: 'utf8' });
}
export function nginxBin() {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(p)) return p;
  const r = sh('command -v nginx');
  return r.status === 0 ? r.stdout.trim() : null;
}
export function headersMoreModule() {
  const r = sh('dpkg -L libnginx-mod-http-headers-more-filter 2>/dev/null');
  const found = (r.stdout || '').split('\n').find((l) => /headers_more.*\.so$/.test(l));
  if (found && fs.existsSync(found)) return found;
  const fallback = '/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so';
  return fs.existsSync(fallback) ? fallback : null;
}

/**
 * Installs nginx and the headers-more module with apt-get when missing (as root; without starting the
 * system nginx service), plus the `extra` packages given. Throws when they cannot be installed.
 */
export function ensureDeps(extra = [], log = (...a) => process.stderr.write(a.join(' ') + '\n')) {
  const missing = [];
  if (!nginxBin()) missing.push('nginx');
  if (!headersMoreModule()) missing.push('libnginx-mod-http-headers-more-filter');
  missing.push(...extra);
  if (missing.length === 0) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`missing ${missing.join(', ')}: run as root, or apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing ${missing.join(' ')} with apt-get`);
  // Keep the package's postinst from starting the system nginx service.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !fs.existsSync(policy);
  if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (install().status !== 0) {
      spawnSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'ignore', 'inherit'], env });
      if (install().status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
    }
  } finally {
    if (ownPolicy) fs.rmSync(policy, { force: true });
  }
}

/* ------------------------------------------------------------------ the ingress-nginx template */

// internal/ingress/controller/template/template.go (buildOriginRegex, buildCorsOriginRegex), transcribed.
export const goQuoteMeta = (s) => s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => '\\' + c);
export function buildOriginRegex(origin) {
  origin = goQuoteMeta(origin);
  origin = origin.replace('\\*', '[A-Za-z0-9\\-]+'); // strings.Replace(..., 1): first only
  return `(${origin})`;
}
export function buildCorsOriginRegex(corsOrigins) {
  if (corsOrigins.length === 1 && corsOrigins[0] === '*') return "set $http_origin *;\nset $cors 'true';";
  let originsRegex = 'if ($http_origin ~* (';
  corsOrigins.forEach((origin, i) => {
    const originTrimmed = origin.trim();
    if (originTrimmed !== '') {
      originsRegex += buildOriginRegex(originTrimmed);
      if (i !== corsOrigins.length - 1) originsRegex += '|';
    }
  });
  return originsRegex + ")$ ) { set $cors 'true'; }";
}

/** The cors.Config the template receives, from the engine's policy. */
export function corsConfig(p) {
  return {
    CorsEnabled: p.configured,
    CorsAllowOrigin: p.origins.map((m) => m.value),
    CorsAllowCredentials: p.allowCredentials,
    CorsAllowMethods: p.allowMethods,
    CorsAllowHeaders: p.allowHeaders,
    CorsExposeHeaders: p.exposeHeaders,
    CorsMaxAge: p.maxAge,
  };
}

/** rootfs/etc/nginx/template/nginx.tmpl {{ define "CORS" }}. */
export function renderCors(cors) {
  const out = [];
  if (cors.CorsAllowOrigin.length > 0) out.push(buildCorsOriginRegex(cors.CorsAllowOrigin));
  out.push("if ($request_method = 'OPTIONS') {", '    set $cors ${cors}options;', '}');
  for (const branch of ['true', 'trueoptions']) {
    out.push(`if ($cors = "${branch}") {`);
    out.push("    more_set_headers 'Access-Control-Allow-Origin: $http_origin';");
    if (cors.CorsAllowCredentials) out.push("    more_set_headers 'Access-Control-Allow-Credentials: true';");
    out.push(`    more_set_headers 'Access-Control-Allow-Methods: ${cors.CorsAllowMethods}';`);
    out.push(`    more_set_headers 'Access-Control-Allow-Headers: ${cors.CorsAllowHeaders}';`);
    if (cors.CorsExposeHeaders !== '') out.push(`    more_set_headers 'Access-Control-Expose-Headers: ${cors.CorsExposeHeaders}';`);
    out.push(`    more_set_headers 'Access-Control-Max-Age: ${cors.CorsMaxAge}';`);
    if (branch === 'trueoptions') {
      out.push("    more_set_headers 'Content-Type: text/plain charset=UTF-8';");
      out.push("    more_set_headers 'Content-Length: 0';");
      out.push('    return 204;');
    }
    out.push('}');
  }
  return out.join('\n');
}

/**
 * One `server` in front of the backend, with the CORS block in its location like ingress-nginx renders it.
 * `ssl: { cert, key }` serves https on the port instead of http.
 */
export function renderServer({ port, backend, serverName, policy, accessLog, ssl }) {
  const cors = corsConfig(policy);
  // No re-indentation: a value is pasted verbatim, like the template does (even one with a newline).
  const body = cors.CorsEnabled ? renderCors(cors) + '\n' : '';
  return [
    '    server {',
    `        listen 127.0.0.1:${port}${ssl ? ' ssl' : ''};`,
    `        server_name ${serverName};`,
    ssl ? `        ssl_certificate ${ssl.cert};\n        ssl_certificate_key ${ssl.key};` : '',
    accessLog ? `        access_log ${accessLog} probe;` : '',
    '        location / {',
    body + `            proxy_pass http://127.0.0.1:${backend};`,
    '        }',
    '    }',
  ].join('\n');
}

/* ------------------------------------------------------------------ nginx process */

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function nginxTest(bin, conf, prefix) {
  const r = spawnSync(
    bin,
    ['-t', '-q', '-c', conf, '-p', prefix, '-e', path.join(prefix, 'error.log'), '-g', `daemon off; pid ${prefix}/nginx-t.pid;`],
    { encoding: 'utf8' },
  );
  return { ok: r.status === 0, stderr: (r.stderr || '').trim() };
}

/**
 * Starts nginx in the foreground and waits until it listens on every port given. Returns the process;
 * `onSpawn(proc)` is called right away, so the caller can clean it up even if the start fails.
 */
export async function startNginx(bin, conf, prefix, ports, onSpawn = () => {}) {
  const errors = [];
  const proc = spawn(bin, ['-c', conf, '-p', prefix, '-e', path.join(prefix, 'error.log'), '-g', `daemon off; pid ${prefix}/nginx.pid;`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  onSpawn(proc);
  proc.stderr.on('data', (d) => errors.push(String(d)));
  for (const port of Array.isArray(ports) ? ports : [ports]) {
    let listening = false;
    for (let i = 0; i < 100 && !listening; i++) {
      if (proc.exitCode !== null) throw new Error(`nginx exited: ${errors.join('')}`);
      listening = await new Promise((r) => {
        const c = net.connect(port, '127.0.0.1', () => {
          c.destroy();
          r(true);
        });
        c.on('error', () => r(false));
      });
      if (!listening) await new Promise((r) => setTimeout(r, 50));
    }
    if (!listening) throw new Error(`nginx did not listen on ${port}: ${errors.join('')}`);
  }
  return proc;
}
