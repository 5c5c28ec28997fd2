/**
 * The browser side of CORS, after the WHATWG Fetch Standard (docs/reference/browser-cors.md):
 * method normalization, CORS-safelisted request headers, the CORS check, and the checks a browser runs
 * on a preflight response.
 */

/** Methods fetch upper-cases when they match case-insensitively. Every other method is sent as written. */
const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
/** CORS-safelisted methods (compared byte-exactly after normalization). */
export const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];
const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];

/** Fetch "normalize a method". */
export function normalizeMethod(method: string): string {
  const u = method.toUpperCase();
  return NORMALIZED_METHODS.includes(u) ? u : method;
}

export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN_METHODS.includes(method.toUpperCase());
}

/** RFC 9110 tchar. */
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const isToken = (s: string) => TCHAR.test(s);

/** Forbidden request-header names (scripts cannot set them; fetch silently drops them). */
const FORBIDDEN_HEADERS = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);
const METHOD_OVERRIDE_HEADERS = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);

export function isForbiddenRequestHeader(name: string, value: string): boolean {
  const n = name.toLowerCase();
  if (FORBIDDEN_HEADERS.has(n) || n.startsWith('proxy-') || n.startsWith('sec-')) return true;
  if (METHOD_OVERRIDE_HEADERS.has(n)) return value.split(',').some((m) => isForbiddenMethod(m.trim()));
  return false;
}

/** A request header as the simulation sees it. */
export interface RequestHeader {
  name: string;
  value: string;
  /** The value was not given: a typical value was assumed. */
  assumed: boolean;
}

/**
 * `Name` or `Name: value`. A bare name gets a typical value: `Content-Type` → `application/json`
 * (what scripts usually send, and not safelisted), the other safelisted names → a safelisted value.
 */
export function parseRequestHeader(entry: string): RequestHeader {
  const i = entry.indexOf(':');
  if (i >= 0) return { name: entry.slice(0, i).trim(), value: entry.slice(i + 1).trim(), assumed: false };
  const name = entry.trim();
  const defaults: Record<string, string> = {
    'content-type': 'application/json',
    accept: '*/*',
    'accept-language': 'en',
    'content-language': 'en',
    range: 'bytes=0-',
  };
  return { name, value: defaults[name.toLowerCase()] ?? 'x', assumed: true };
}

/** CORS-unsafe request-header byte. */
function hasUnsafeByte(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || '"():<>?@[\\]{}'.includes(v[i])) return true;
  }
  return false;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** Fetch "CORS-safelisted request-header" (name and value). */
export function isSafelistedRequestHeader(name: string, value: string): boolean {
  if (value.length > 128) return false;
  switch (name.toLowerCase()) {
    case 'accept':
      return !hasUnsafeByte(value);
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
    case 'content-type': {
      if (hasUnsafeByte(value)) return false;
      const essence = value.split(';')[0].trim().toLowerCase();
      return FORM_TYPES.includes(essence);
    }
    case 'range': {
      const m = /^bytes=([0-9]+)-([0-9]*)$/.exec(value);
      if (!m) return false;
      return m[2] === '' || Number(m[1]) <= Number(m[2]);
    }
    default:
      return false;
  }
}

/** Fetch "CORS-unsafe request-header names": sorted, lower-cased, unique. */
export function corsUnsafeHeaderNames(headers: RequestHeader[]): string[] {
  const unsafe = new Set<string>();
  const safelisted: RequestHeader[] = [];
  let safeSize = 0;
  for (const h of headers) {
    if (isSafelistedRequestHeader(h.name, h.value)) {
      safelisted.push(h);
      safeSize += h.value.length;
    } else unsafe.add(h.name.toLowerCase());
  }
  if (safeSize > 1024) for (const h of safelisted) unsafe.add(h.name.toLowerCase());
  return [...unsafe].sort();
}

/**
 * Fetch "extracting header list values" for Access-Control-Allow-Methods/-Headers: split on commas,
 * trim spaces and tabs, skip empty items (browsers do), and require every item to be a token.
 * Returns the items, or the first item that is not a token.
 */
export function parseTokenList(value: string | undefined): { items: string[] } | { bad: string } {
  if (value === undefined) return { items: [] };
  const items: string[] = [];
  for (const raw of value.split(',')) {
    const v = raw.replace(/^[ \t]+|[ \t]+$/g, '');
    if (v === '') continue;
    if (!isToken(v)) return { bad: v };
    items.push(v);
  }
  return { items };
}

/** Is `origin` something a browser could send as Origin (a serialized tuple origin, or `null`)? */
export function isSerializedOrigin(origin: string): boolean {
  if (origin === 'null') return true;
  return /^[a-z][a-z0-9+.-]*:\/\/(\[[0-9a-f:.]+\]|[a-z0-9\-._~%!$&'()*+,;=]+)(:[0-9]{1,5})?$/.test(origin);
}

/**
 * The response headers as a browser reads them. A value with a bare line feed (nginx pastes an unvalidated
 * annotation verbatim, newline included) ends at the line feed: the next line is a header of its own if it
 * has a colon, a continuation if it starts with a space or tab, and is ignored otherwise (Chromium; strict
 * HTTP clients such as Node reject the whole response instead).
 */
export function receivedHeaders(sent: Record<string, string>): { headers: Record<string, string>; split: string[] } {
  const headers: Record<string, string> = {};
  const split: string[] = [];
  for (const [name, value] of Object.entries(sent)) {
    if (!value.includes('\n')) {
      headers[name] = value;
      continue;
    }
    split.push(name);
    const lines = value.split(/\r?\n/);
    let v = lines[0].replace(/[ \t]+$/, '');
    const extra: Record<string, string> = {};
    for (const l of lines.slice(1)) {
      if (/^[ \t]/.test(l)) v += ' ' + l.trim();
      else {
        const i = l.indexOf(':');
        if (i > 0) extra[l.slice(0, i).trim()] = l.slice(i + 1).trim();
      }
    }
    headers[name] = v;
    Object.assign(headers, extra);
  }
  return { headers, split };
}
