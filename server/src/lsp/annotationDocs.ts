/** What each ingress-nginx CORS annotation means, for completion documentation and hovers. */
import { DEFAULT_HEADERS, DEFAULT_MAX_AGE, DEFAULT_METHODS, type CorsSuffix } from '../engine/index';

export interface AnnotationDoc {
  suffix: CorsSuffix;
  /** One line. */
  summary: string;
  /** What ingress-nginx does with it. */
  meaning: string;
  /** The ingress-nginx default when the annotation is missing or rejected. */
  defaultText: string;
  /** The accepted format. */
  format: string;
  /** Snippet placeholder for the value. */
  placeholder: string;
}

export const ANNOTATION_DOCS: Record<CorsSuffix, AnnotationDoc> = {
  'enable-cors': {
    suffix: 'enable-cors',
    summary: 'Switches CORS on for this Ingress.',
    meaning:
      'Only when this is `"true"` does ingress-nginx add CORS headers and answer `OPTIONS` preflight requests itself (204). Without it every other `cors-*` annotation is ignored.',
    defaultText: '`false` (CORS off)',
    format:
      'A Go boolean as a string: `"true"` or `"false"` (`1`/`0`, `t`/`f`, `TRUE`/`FALSE`, `True`/`False` are accepted too). Quote it: an unquoted `true` is a YAML boolean and Helm renders it differently.',
    placeholder: 'true',
  },
  'cors-allow-origin': {
    suffix: 'cors-allow-origin',
    summary: 'The origins allowed to read responses (`Access-Control-Allow-Origin`).',
    meaning:
      'A comma-separated list of origins. ingress-nginx echoes the request `Origin` when it matches one of them (a `*.` label matches one subdomain level). `*` allows every website. Invalid entries are skipped; a value that fails validation as a whole falls back to `*`.',
    defaultText: '`*` (any origin)',
    format:
      '`scheme://host[:port]` entries separated by `, ` — lower-case scheme, no path, no trailing slash, e.g. `"https://app.example.com, https://admin.example.com"`.',
    placeholder: 'https://app.example.com',
  },
  'cors-allow-methods': {
    suffix: 'cors-allow-methods',
    summary: 'The methods a preflight allows (`Access-Control-Allow-Methods`).',
    meaning:
      'Sent verbatim in `Access-Control-Allow-Methods` on preflight responses. Only letters, commas and spaces are accepted; anything else falls back to the default.',
    defaultText: `\`${DEFAULT_METHODS}\``,
    format: 'Method names separated by `, `, e.g. `"GET, POST, OPTIONS"` (methods are case-sensitive: write them upper-case).',
    placeholder: 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
  },
  'cors-allow-headers': {
    suffix: 'cors-allow-headers',
    summary: 'The request headers a preflight allows (`Access-Control-Allow-Headers`).',
    meaning:
      'Sent verbatim in `Access-Control-Allow-Headers`. A browser refuses a request whose non-safelisted headers (e.g. `Authorization`, `Content-Type: application/json`) are not listed. Letters, digits, `-`, `_`, commas and spaces only; anything else falls back to the default.',
    defaultText: `\`${DEFAULT_HEADERS}\``,
    format: 'Header names separated by `, `, e.g. `"Authorization, Content-Type"`.',
    placeholder: 'Authorization, Content-Type',
  },
  'cors-allow-credentials': {
    suffix: 'cors-allow-credentials',
    summary: 'Whether browsers may send cookies and read credentialed responses (`Access-Control-Allow-Credentials`).',
    meaning:
      "When true, ingress-nginx sends `Access-Control-Allow-Credentials: true` and the allowed origins can make requests with the user's cookies or HTTP authentication. Combined with any origin this lets every website act as the user.",
    defaultText: '`true` (credentials allowed)',
    format: 'A Go boolean as a string: `"true"` or `"false"`.',
    placeholder: 'false',
  },
  'cors-expose-headers': {
    suffix: 'cors-expose-headers',
    summary: 'Response headers scripts may read (`Access-Control-Expose-Headers`).',
    meaning: 'Beyond the CORS-safelisted response headers, scripts can read only the headers listed here. Not sent when empty.',
    defaultText: 'empty (header not sent)',
    format:
      'Header names separated by `, `, e.g. `"X-Request-Id, Content-Disposition"`; `*` exposes all headers on non-credentialed requests.',
    placeholder: 'X-Request-Id',
  },
  'cors-max-age': {
    suffix: 'cors-max-age',
    summary: 'How long browsers may cache a preflight response (`Access-Control-Max-Age`, seconds).',
    meaning: 'Browsers cap it (Chromium 7200 s, Firefox 86400 s, Safari 600 s). A long cache delays every CORS change you make.',
    defaultText: `\`${DEFAULT_MAX_AGE}\` (20 days)`,
    format: 'Whole seconds as a string, e.g. `"3600"`.',
    placeholder: '3600',
  },
};

export const RETIREMENT_NOTE =
  'ingress-nginx is retired (end of maintenance March 2026); plan the move to the Gateway API, whose `HTTPRoute` has a CORS filter (`type: CORS`).';
export const AUTH_NOTE = 'CORS only tells browsers which websites may read responses: it does not replace authentication or authorization.';

/** `withKey` false: the completion item shows the key as its detail already, so the text opens with the summary. */
export function annotationMarkdown(key: string, doc: AnnotationDoc, withKey = true): string {
  return [
    withKey ? `**\`${key}\`** — ${doc.summary}` : doc.summary,
    '',
    doc.meaning,
    '',
    `**ingress-nginx default:** ${doc.defaultText}`,
    '',
    `**Format:** ${doc.format}`,
  ].join('\n');
}
