/**
 * `vcluster-cors verify FILE`: the only command that uses the network. It sends the preflight of the
 * vCluster Platform CORS guide's verify step (OPTIONS https://<ingress.host>/kubernetes/management/apis with
 * Origin, Access-Control-Request-Method: GET and Access-Control-Request-Headers: authorization) and compares
 * the live answer with what the file predicts (engine/verify: the prediction and the comparison are pure).
 *
 * Never sends credentials (no Cookie, no Authorization), never follows redirects, verifies TLS against the
 * system CAs (plus `--ca`), and gives up after `--timeout` seconds (default 10).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as path from 'path';
import * as tls from 'tls';
import { UsageError, type CliOptions } from './args';
import { describeFsError, InputError } from './files';
import type { Painter } from './color';
import {
  compareVerify,
  computePolicies,
  defaultVerifyOrigin,
  defaultVerifyUrl,
  LineIndex,
  predictVerifyPreflight,
  verifyRequestHeaders,
  VERIFY_SHOWN_HEADERS,
  type EffectivePolicy,
  type ObservedResponse,
  type ResolvedConfig,
  type VerifyDifference,
} from '../engine/index';

/** A network problem (exit 2): the message says what failed and what to check. */
export class NetworkError extends InputError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface PreflightRequest {
  url: string;
  headers: Record<string, string>;
  /** Extra trusted CA certificates (PEM), added to the system ones. */
  caPem?: string;
  timeoutMs: number;
  userAgent: string;
}

const TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** One clear sentence per kind of network failure. */
/** An OpenSSL error string (`write EPROTO 80…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…`) → its reason. */
function cleanMessage(message: string): string {
  const ssl = /SSL routines:[^:]*:([^:]+):/.exec(message);
  if (ssl) return ssl[1].trim();
  return message.replace(/\s+/g, ' ').trim();
}

export function describeNetworkError(err: NodeJS.ErrnoException, url: URL, timeoutS: number): NetworkError {
  const code = err.code ?? '';
  const e = { message: cleanMessage(err.message) };
  const host = url.hostname;
  const hostPort = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  const caHint = 'If the Platform uses a private or self-signed CA, pass its certificate with `--ca FILE` (PEM).';
  let msg: string;
  if (code === 'VERIFY_TIMEOUT' || code === 'ETIMEDOUT') {
    msg = `no answer from ${url.toString()} within ${timeoutS} s (\`--timeout\`): is the host reachable from here (VPN, firewall, proxy)?`;
  } else if (code === 'ECONNREFUSED') {
    msg = `cannot connect to ${hostPort}: connection refused (nothing listens there): is the URL right, and is the ingress controller exposed on that port?`;
  } else if (code === 'ENOTFOUND') {
    msg = `cannot resolve ${host} (DNS lookup failed): is ingress.host right, and does the name resolve from this machine?`;
  } else if (code === 'EAI_AGAIN') {
    msg = `cannot resolve ${host}: the DNS lookup failed temporarily (is a DNS server reachable?)`;
  } else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    msg = `${hostPort} is unreachable from this machine (${code}): check the network path (VPN, routes)`;
  } else if (code === 'ECONNRESET' || code === 'EPIPE') {
    msg = `the connection to ${hostPort} was closed before an answer came (${code})${url.protocol === 'https:' ? ': is it an https port?' : ''}`;
  } else if (TRUST_CODES.has(code)) {
    msg = `TLS error: the certificate of ${host} is not trusted (${code}: ${e.message}). ${caHint}`;
  } else if (code === 'CERT_HAS_EXPIRED') {
    msg = `TLS error: the certificate of ${host} has expired (${e.message})`;
  } else if (code === 'CERT_NOT_YET_VALID') {
    msg = `TLS error: the certificate of ${host} is not valid yet (${e.message}): check the clock of this machine`;
  } else if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    msg = `TLS error: the certificate does not cover ${host} (${e.message}): is the URL's host name the one the certificate is for?`;
  } else if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    msg = `TLS handshake with ${hostPort} failed (${code}: ${e.message})${url.protocol === 'https:' ? ': does that port speak https?' : ''}`;
  } else if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) {
    msg = `the answer from ${hostPort} is not valid HTTP (${code}): ${url.protocol === 'http:' ? 'does that port speak https?' : e.message}`;
  } else {
    msg = `the preflight to ${url.toString()} failed: ${e.message}${code ? ` (${code})` : ''}`;
  }
  return new NetworkError(msg, code || 'UNKNOWN');
}

/** Sends the preflight; resolves with the status and headers (every value of every header), or rejects with a NetworkError. */
export function sendPreflight(req: PreflightRequest): Promise<ObservedResponse> {
  const url = new URL(req.url);
  const timeoutS = req.timeoutMs / 1000;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      f();
    };
    const options: https.RequestOptions = {
      method: 'OPTIONS',
      // Only these headers (plus Host and Connection): no Cookie, no Authorization.
      headers: { ...req.headers, 'User-Agent': req.userAgent, Accept: '*/*' },
      agent: false,
    };
    if (url.protocol === 'https:' && req.caPem !== undefined) options.ca = [...tls.rootCertificates, req.caPem];
    let r: http.ClientRequest;
    try {
      r = (url.protocol === 'https:' ? https : http).request(url, options, (res) => {
        const headers: Record<string, string[]> = {};
        const raw = res.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) (headers[raw[i].toLowerCase()] ??= []).push(raw[i + 1]);
        const status = res.statusCode ?? 0;
        finish(() => resolve({ status, headers }));
        res.destroy();
      });
    } catch (e) {
      reject(describeNetworkError(e as NodeJS.ErrnoException, url, timeoutS));
      return;
    }
    const timer = setTimeout(() => {
      const e: NodeJS.ErrnoException = new Error(`timed out after ${timeoutS} s`);
      e.code = 'VERIFY_TIMEOUT';
      finish(() => reject(describeNetworkError(e, url, timeoutS)));
      r.destroy();
    }, req.timeoutMs);
    r.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(describeNetworkError(e, url, timeoutS))));
    r.end();
  });
}

export interface VerifyFile {
  display: string;
  text: string;
  config: ResolvedConfig;
}

export interface VerifyResult {
  file: string;
  controller: string;
  source: string;
  url: string;
  origin: string;
  request: { method: 'OPTIONS'; headers: Record<string, string> };
  predicted: { status: number | 'backend'; headers: Record<string, string> };
  observed: { status: number; headers: Record<string, string> };
  match: boolean;
  differences: VerifyDifference[];
  /** What the file predicts for a credentialed GET with Authorization from the origin (simulate). */
  verdict: 'allowed' | 'blocked';
  notes: string[];
}

/** The policy verify checks: the chart values' Ingress, or the only policy of the file. */
function pickPolicy(policies: EffectivePolicy[], file: string): EffectivePolicy {
  const values = policies.filter((p) => p.target.kind === 'ingress-nginx' && p.target.values !== undefined);
  if (values.length >= 1) return values[0];
  if (policies.length === 1) return policies[0];
  if (policies.length === 0) throw new InputError(`${file}: no CORS configuration found (no chart values with an \`ingress\` block)`);
  throw new InputError(
    `${file}: ${policies.length} CORS configurations (${policies.map((p) => p.source).join(', ')}); verify checks one: put the chart values in their own file`,
  );
}

const SHOWN = new Set(VERIFY_SHOWN_HEADERS);

/** Everything before the network: policy, origin, URL, request, prediction. Throws UsageError / InputError. */
export function prepareVerify(o: CliOptions, f: VerifyFile, stderr: { write(s: string): unknown }) {
  const res = computePolicies(f.text, { config: f.config, filePath: f.display });
  if (res.syntaxError) {
    const pos = new LineIndex(f.text).position(res.syntaxError.range.start);
    stderr.write(
      `vcluster-cors: ${f.display}:${pos.line + 1}:${pos.character + 1}: not valid YAML (${res.syntaxError.message}); the prediction uses only what could be read\n`,
    );
  }
  const policy = pickPolicy(res.policies, f.display);
  const notes: string[] = [];
  let origin = o.origin;
  if (origin === undefined) {
    const d = defaultVerifyOrigin(policy);
    if (d.origin === undefined) {
      throw new UsageError(
        `${f.display}: ${d.why}, so there is no origin to test with: pass \`--origin ORIGIN\` (the origin of the page that calls the Platform)`,
        'verify',
      );
    }
    origin = d.origin;
    if (d.note) notes.push(d.note);
  }
  const url = o.url ?? defaultVerifyUrl(policy);
  if (url === undefined)
    throw new UsageError(`${f.display} has no usable ingress.host to send the preflight to: pass \`--url URL\``, 'verify');
  const headers = verifyRequestHeaders(origin);
  const prediction = predictVerifyPreflight(policy, origin);
  return { policy, origin, url, headers, prediction, notes };
}

export async function runVerify(
  o: CliOptions,
  f: VerifyFile,
  opts: { cwd: string; userAgent: string; stderr: { write(s: string): unknown } },
): Promise<VerifyResult> {
  let caPem: string | undefined;
  if (o.ca !== undefined) {
    try {
      caPem = fs.readFileSync(path.resolve(opts.cwd, o.ca), 'utf8');
    } catch (e) {
      throw new InputError(`cannot read \`${o.ca}\`: ${describeFsError(e)}`);
    }
    if (!caPem.includes('-----BEGIN CERTIFICATE-----'))
      throw new InputError(`\`${o.ca}\` holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  const { policy, origin, url, headers, prediction, notes } = prepareVerify(o, f, opts.stderr);
  const observed = await sendPreflight({ url, headers, caPem, timeoutMs: Math.round(o.timeout * 1000), userAgent: opts.userAgent });
  const differences = compareVerify({ policy, origin, predicted: prediction, observed });
  const shown: Record<string, string> = {};
  for (const name of VERIFY_SHOWN_HEADERS) if (observed.headers[name]) shown[name] = observed.headers[name].join(', ');
  const predictedHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(prediction.headers)) if (SHOWN.has(k.toLowerCase())) predictedHeaders[k.toLowerCase()] = v;
  return {
    file: f.display,
    controller: policy.controller,
    source: policy.source,
    url,
    origin,
    request: { method: 'OPTIONS', headers },
    predicted: { status: prediction.status, headers: predictedHeaders },
    observed: { status: observed.status, headers: shown },
    match: differences.length === 0,
    differences,
    verdict: prediction.simulation.verdict,
    notes,
  };
}

export function formatVerifyJson(r: VerifyResult): string {
  return JSON.stringify(r, null, 2) + '\n';
}

function block(status: string, headers: Record<string, string>, p: Painter): string {
  let s = `    status ${status}\n`;
  const names = Object.keys(headers);
  if (names.length === 0) s += `    ${p.dim('(no CORS headers)')}\n`;
  for (const n of names) s += `    ${n}: ${headers[n]}\n`;
  return s;
}

export function formatVerifyText(r: VerifyResult, p: Painter): string {
  let out = `${p.underline(r.file)} ${p.dim(`(${r.controller}: ${r.source})`)}\n\n`;
  out += `  ${p.bold('sent')}  OPTIONS ${r.url}\n`;
  for (const [k, v] of Object.entries(r.request.headers)) out += `    ${k}: ${v}\n`;
  for (const n of r.notes) out += `    ${p.dim(n)}\n`;
  out += `\n  ${p.bold('predicted from the file')}\n`;
  out += block(
    r.predicted.status === 'backend' ? 'from the backend (the controller does not answer it)' : String(r.predicted.status),
    r.predicted.headers,
    p,
  );
  out += `\n  ${p.bold('live')}\n`;
  out += block(String(r.observed.status), r.observed.headers, p);
  out += '\n';
  if (r.match) {
    out += `${p.green('✓')} the live answer matches the file\n`;
  } else {
    out += `${p.red('✗')} ${r.differences.length} difference${r.differences.length === 1 ? '' : 's'} between the live answer and the file:\n`;
    for (const d of r.differences) {
      out += `  - ${d.message}\n`;
      out += `    ${p.dim('likely cause:')} ${d.cause}\n`;
    }
  }
  return out;
}
