/**
 * What every writer decides the same way: origins a target cannot express, `*` with credentials, max-age above
 * the browser caps, method enums, YAML output (docs/reference/migration.md §2).
 */
import { Document, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Controller, OriginMatcher } from '../../types';
import { matcherMatches } from '../../policy/origins';
import { ALL_FIELDS, type DiffField, type IntendedChange, type ProbeRequest } from '../types';
import { controllerLabel, humanSeconds, SAFE_MAX_AGE, type CorsIntent, type IntentOrigin } from '../intent';
import { q } from '../../util/markdown';

/**
 * Does a browser origin match `o` when `*.` spans `depth` labels (and exact/prefix/regex as written)? The policy's
 * own matcher (policy/origins.ts `matcherMatches`) decides, with the source's semantics.
 */
export function originMatches(o: IntentOrigin, origin: string, depth: 'one' | 'any' = o.depth ?? 'one'): boolean {
  const m: OriginMatcher = { kind: o.kind, value: o.value, range: { start: 0, end: 0 }, index: 0 };
  return matcherMatches(m, origin, false, {
    caseInsensitive: false,
    wildcardSubdomain: depth === 'any' ? 'any-labels' : 'one-label',
    regex: o.anchored ? { match: 'full' } : { match: 'contains', engine: 'RE2' },
  });
}

const fromMatching = (o: IntentOrigin) => (r: ProbeRequest) => originMatches(o, r.origin);

/** An origin the target cannot express: not carried over. */
export function droppedOrigin(o: IntentOrigin, to: Controller, why: string): IntendedChange {
  return {
    id: o.kind === 'null' ? 'null-origin-dropped' : 'origin-not-expressible',
    message: `${q(o.value)} is not carried over: ${why}. Pages on it are no longer allowed.`,
    fields: ALL_FIELDS,
    appliesTo: fromMatching(o),
  };
}

export function nullDropped(o: IntentOrigin, to: Controller): IntendedChange {
  return droppedOrigin(
    o,
    to,
    `\`null\` is the origin of sandboxed iframes and local files, which any site can create (null-origin rule)${to === 'gateway-api' ? ', and Gateway API cannot list it' : ''}`,
  );
}

/** A wildcard entry whose `*` spans another number of labels in the target. */
export function depthChange(o: IntentOrigin, to: Controller, toDepth: 'one' | 'any'): IntendedChange | undefined {
  const fromDepth = o.depth ?? 'one';
  if (fromDepth === toDepth) return undefined;
  const wider = toDepth === 'any';
  return {
    id: 'wildcard-depth',
    message: wider
      ? `${controllerLabel(to)} matches ${q(o.value)} against any depth of subdomain; the source matched one label: \`a.b.${o.domain}\` is now allowed too.`
      : `${controllerLabel(to)} matches ${q(o.value)} against one label; the source matched any depth: \`a.b.${o.domain}\` is no longer allowed.`,
    fields: ALL_FIELDS,
    appliesTo: (r) => originMatches(o, r.origin, 'one') !== originMatches(o, r.origin, 'any'),
  };
}

/**
 * `*` + credentials. ingress-nginx sends the literal `*` with `Access-Control-Allow-Credentials: true`: browsers
 * refuse credentialed requests, so the working equivalent is `*` without credentials (same verdicts). Other
 * controllers echo every origin with credentials, which ingress-nginx cannot express.
 */
export function anyOriginCredentials(intent: CorsIntent, to: Controller): { credentials: boolean; change?: IntendedChange } {
  const any = intent.origins.some((o) => o.kind === 'any');
  if (!any || !intent.credentials) return { credentials: intent.credentials };
  if (intent.literalStar) {
    return {
      credentials: false,
      change: {
        id: 'star-without-credentials',
        message:
          `Any origin (\`*\`) is written without credentials: the source sent \`*\` with \`Access-Control-Allow-Credentials: true\`, which browsers refuse for credentialed requests, ` +
          `while ${controllerLabel(to)} would echo every origin with credentials. Verdicts stay the same; the \`Access-Control-Allow-Credentials\` header is no longer sent.`,
        fields: ['allow-credentials'],
      },
    };
  }
  if (to === 'ingress-nginx') {
    return {
      credentials: false,
      change: {
        id: 'any-origin-credentials',
        message:
          'The source echoes every origin with credentials (any website can make credentialed calls); ingress-nginx can only send the literal `*`, which browsers refuse with credentials, ' +
          'so any origin is written without credentials: credentialed calls are now blocked.',
        fields: ALL_FIELDS,
      },
    };
  }
  return { credentials: true };
}

/** For any origin: a change when the target answers `*` differently (literal vs echo); `literal` = what the target sends. */
export function starMode(intent: CorsIntent, to: Controller, literal: boolean): IntendedChange | undefined {
  if (!intent.origins.some((o) => o.kind === 'any') || literal === intent.literalStar) return undefined;
  return starModeChange(intent.literalStar ? 'literal' : 'echo', to);
}

/**
 * Exact and `*.` origins for a target that has no prefix or regex origins (Gateway API, ingress-nginx): `accepts`
 * says which values it takes, `depth` how many labels its `*.` spans.
 */
export function hostOrigins(
  intent: CorsIntent,
  to: Controller,
  opts: { accepts: (value: string) => boolean; rejectWhy: string; depth: 'one' | 'any'; only: string },
): { origins: string[]; changes: IntendedChange[] } {
  const origins: string[] = [];
  const changes: IntendedChange[] = [];
  for (const o of intent.origins) {
    if (o.kind === 'any') origins.push('*');
    else if (o.kind === 'null') changes.push(nullDropped(o, to));
    else if (o.kind === 'prefix' || o.kind === 'regex')
      changes.push(droppedOrigin(o, to, `${controllerLabel(to)} has no ${o.kind} origins (only ${opts.only})`));
    else if (!opts.accepts(o.value)) changes.push(droppedOrigin(o, to, opts.rejectWhy));
    else {
      origins.push(o.value);
      const c = o.kind === 'wildcard-subdomain' ? depthChange(o, to, opts.depth) : undefined;
      if (c) changes.push(c);
    }
  }
  return { origins, changes };
}

/**
 * What every target decides about `*` and methods: credentials with any origin, literal `*` vs echo (`literal`:
 * whether the target sends the literal `*` for these credentials), and nginx's 400 for non-upper-case methods.
 */
export function originModeChanges(
  intent: CorsIntent,
  to: Controller,
  literal: (credentials: boolean) => boolean,
): { credentials: boolean; changes: IntendedChange[] } {
  const cred = anyOriginCredentials(intent, to);
  const changes = [
    cred.change,
    starMode(intent, to, literal(cred.credentials)),
    nginxMethod400(intent.from === 'ingress-nginx' || to === 'ingress-nginx' ? intent.methods : null),
  ];
  return { credentials: cred.credentials, changes: changes.filter((c): c is IntendedChange => !!c) };
}

/** Methods that are not upper case: nginx answers them with 400 before its CORS block runs. */
export function nginxMethod400(methods: string[] | null): IntendedChange | undefined {
  if (!methods?.some((m) => m !== '*' && !/^[A-Z_-]+$/.test(m))) return undefined;
  return {
    id: 'nginx-method-400',
    message:
      'ingress-nginx answers a method that is not upper case (`patch`) with 400 before CORS runs; other controllers let it through when it is listed.',
    fields: ALL_FIELDS,
    where: ['result', 'response'],
    appliesTo: (r) => !/^[A-Z_-]+$/.test(r.method),
  };
}

/** The source sends the literal `*`, the target echoes the Origin (or the other way round). */
export function starModeChange(from: 'literal' | 'echo', to: Controller): IntendedChange {
  return from === 'literal'
    ? {
        id: 'star-echoed',
        message: `${controllerLabel(to)} never sends \`Access-Control-Allow-Origin: *\`: it echoes the request Origin. The browser result is the same.`,
        fields: ['allow-origin'],
      }
    : {
        id: 'star-literal',
        message: `${controllerLabel(to)} sends the literal \`Access-Control-Allow-Origin: *\` for any origin instead of echoing it. The browser result is the same.`,
        fields: ['allow-origin'],
      };
}

/** max-age: above SAFE_MAX_AGE → SAFE_MAX_AGE (Chromium's cap; our own max-age-exceeds-browser-cap rule's limit). */
export function cappedMaxAge(maxAge: number | null): { value: number | null; change?: IntendedChange } {
  if (maxAge === null || maxAge <= SAFE_MAX_AGE) return { value: maxAge };
  return {
    value: SAFE_MAX_AGE,
    change: {
      id: 'max-age-capped',
      message:
        `Access-Control-Max-Age ${maxAge} (${humanSeconds(maxAge)}) is written as ${SAFE_MAX_AGE} (2 h): Chromium caps it there and Safari at 600 s anyway; ` +
        `Firefox, which honours up to 86400 s, now repeats the preflight after 2 h.`,
      fields: ['max-age'],
    },
  };
}

export function varyLost(to: Controller): IntendedChange {
  return {
    id: 'vary-lost',
    message: `${controllerLabel(to)} has no setting for \`Vary: Origin\`, which the source sent: add it in the backend or keep shared caches from storing these responses.`,
    fields: ['vary'],
  };
}

/** Methods a target with an upper-case enum accepts (Gateway API adds `*`). */
export const STANDARD_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
/** What `*` becomes where `*` cannot be written: every method a page can send. */
export const ALL_PAGE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export function enumMethods(
  methods: string[] | null,
  to: Controller,
  allowStar: boolean,
): { methods: string[] | null; changes: IntendedChange[] } {
  if (methods === null) return { methods: null, changes: [] };
  const changes: IntendedChange[] = [];
  const out: string[] = [];
  const add = (m: string) => {
    if (!out.includes(m)) out.push(m);
  };
  for (const m of methods) {
    if (m === '*') {
      if (allowStar) add('*');
      else {
        ALL_PAGE_METHODS.forEach(add);
        changes.push({
          id: 'methods-star-expanded',
          message: `${controllerLabel(to)} cannot allow \`*\` methods: ${ALL_PAGE_METHODS.join(', ')} are listed instead.`,
          fields: ['allow-methods', 'verdict'],
        });
      }
    } else if (STANDARD_METHODS.includes(m)) add(m);
    else if (STANDARD_METHODS.includes(m.toUpperCase())) {
      add(m.toUpperCase());
      changes.push({
        id: 'method-case',
        message: `Method ${q(m)} is written as ${q(m.toUpperCase())}: ${controllerLabel(to)} accepts only upper case, and browsers compare methods case-sensitively, so ${q(m.toUpperCase())} requests now pass.`,
        fields: ['allow-methods', 'verdict'],
      });
    } else {
      changes.push({
        id: 'method-not-expressible',
        message: `Method ${q(m)} is not carried over: ${controllerLabel(to)} accepts only ${STANDARD_METHODS.join(', ')}.`,
        fields: ['allow-methods', 'verdict'],
      });
    }
  }
  if (out.includes('*') && out.length > 1) return { methods: ['*'], changes };
  return { methods: out, changes };
}

/** Expose headers with `*` and credentials: `*` is no wildcard for credentialed requests; targets drop or reject it. */
export function exposeWithoutStar(
  expose: string[] | null,
  credentials: boolean,
  to: Controller,
): { expose: string[] | null; change?: IntendedChange } {
  if (!expose || !credentials || !expose.includes('*')) return { expose };
  const rest = expose.filter((x) => x !== '*');
  return {
    expose: rest.length ? rest : null,
    change: {
      id: 'expose-star-dropped',
      message: `\`*\` in the exposed headers is not carried over: with credentials ${controllerLabel(to)} cannot send it${to === 'traefik' ? ' (Traefik would drop the whole header)' : ''}; scripts without credentials now read only the listed headers.`,
      fields: ['expose-headers'],
    },
  };
}

export function dedupe(list: string[] | null): string[] | null {
  if (!list) return null;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of list) {
    const k = x.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

const FLOW_KEYS = new Set([
  'allowMethods',
  'allowHeaders',
  'exposeHeaders',
  'accessControlAllowMethods',
  'accessControlAllowHeaders',
  'accessControlExposeHeaders',
  'hosts',
  'hostnames',
  'gateways',
]);

/** A YAML document: short string lists in flow style, strings quoted only when needed. */
export function yamlDocument(value: unknown, header: string[] = []): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && FLOW_KEYS.has(String(pair.key.value)) && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  if (header.length) doc.commentBefore = header.map((l) => (l === '' ? '' : ' ' + l)).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Field list for requests whose origin a changed entry matches. */
export type { DiffField };
