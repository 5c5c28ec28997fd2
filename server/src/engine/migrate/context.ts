/**
 * Routing facts of the source object (hosts, paths, backends, names), so the generated object serves the same
 * traffic. Defaults for a vCluster Platform values file follow the chart (docs/reference/migration.md §3):
 * service `loft` port 80 in the release namespace, `ingress.host`, `ingress.path`.
 */
import type { Document } from 'yaml';
import type { EffectivePolicy, ParsedFile } from '../types';
import { CORS_SUFFIXES } from '../policy/ingressNginxModel';
import type { MigrateOptions, RouteContext } from './types';

/** vCluster Platform chart defaults (shared/reference: vcluster-platform-chart.md §1–2). */
export const PLATFORM_DEFAULTS = {
  service: 'loft',
  port: 80,
  host: 'loft.mydomain.tld',
  path: '/',
  namespace: 'vcluster-platform',
  name: 'vcluster-platform',
};

export class MigrateUsageError extends Error {}

type J = Record<string, unknown>;
const obj = (v: unknown): J | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as J) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function toJS(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** `name` or `name/namespace`. */
export function parseGateway(s: string): { name: string; namespace?: string } {
  const [name, namespace, extra] = s.split('/');
  if (!name || extra !== undefined || (namespace !== undefined && namespace === ''))
    throw new MigrateUsageError(`--gateway ${JSON.stringify(s)}: expected NAME or NAME/NAMESPACE.`);
  return { name, namespace };
}

/** `name:port` (port a number or a port name). */
export function parseService(s: string): { service: string; port: number | string } {
  const m = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?):([0-9]{1,5}|[a-z][-a-z0-9]*)$/.exec(s);
  if (!m) throw new MigrateUsageError(`--service ${JSON.stringify(s)}: expected NAME:PORT, e.g. loft:80.`);
  return { service: m[1], port: /^[0-9]+$/.test(m[3]) ? Number(m[3]) : m[3] };
}

const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

interface Routing {
  hostnames: string[];
  paths: RouteContext['paths'];
  gateway?: RouteContext['gateway'];
}

const addPath = (paths: RouteContext['paths'], p: RouteContext['paths'][number]): void => {
  if (!paths.some((x) => x.path === p.path && x.exact === p.exact)) paths.push(p);
};

/** An Ingress: its rules' hosts and paths, or its default backend. */
function ingressRouting(spec: J | undefined): Routing {
  const hostnames: string[] = [];
  const paths: RouteContext['paths'] = [];
  for (const rule of arr(spec?.rules)) {
    const r = obj(rule);
    const h = str(r?.host);
    if (h && !hostnames.includes(h)) hostnames.push(h);
    for (const p of arr(obj(r?.http)?.paths)) {
      const po = obj(p);
      const svc = obj(obj(po?.backend)?.service);
      const port = obj(svc?.port);
      const sName = str(svc?.name);
      const sPort = typeof port?.number === 'number' ? port.number : str(port?.name);
      if (!sName || sPort === undefined) continue;
      addPath(paths, { path: str(po?.path) ?? '/', exact: po?.pathType === 'Exact', service: sName, port: sPort });
    }
  }
  const def = obj(obj(spec?.defaultBackend)?.service);
  const defName = str(def?.name);
  if (paths.length === 0 && def && defName) {
    const port = obj(def.port);
    paths.push({
      path: '/',
      exact: false,
      service: defName,
      port: typeof port?.number === 'number' ? port.number : (str(port?.name) ?? 80),
    });
  }
  return { hostnames, paths };
}

/** An HTTPRoute: hostnames, the first parentRef, each rule's first backendRef. */
function gatewayRouting(spec: J | undefined): Routing {
  const hostnames = arr(spec?.hostnames)
    .map(str)
    .filter((x): x is string => !!x);
  const pr = obj(arr(spec?.parentRefs)[0]);
  const prName = str(pr?.name);
  const gateway = pr && prName ? { name: prName, namespace: str(pr.namespace) } : undefined;
  const paths: RouteContext['paths'] = [];
  for (const rule of arr(spec?.rules)) {
    const ro = obj(rule);
    const b = obj(arr(ro?.backendRefs)[0]);
    const bName = str(b?.name);
    if (!b || !bName) continue;
    const match = obj(obj(arr(ro?.matches)[0])?.path);
    addPath(paths, {
      path: str(match?.value) ?? '/',
      exact: match?.type === 'Exact',
      service: bName,
      port: typeof b.port === 'number' ? b.port : 80,
    });
  }
  return { hostnames, paths, gateway };
}

/** A VirtualService: hosts, the first gateway, each http entry's first destination. */
function istioRouting(spec: J | undefined): Routing {
  const hostnames = arr(spec?.hosts)
    .map(str)
    .filter((x): x is string => !!x && x !== '*');
  let gateway: RouteContext['gateway'];
  const g = str(arr(spec?.gateways)[0]);
  if (g && g !== 'mesh') {
    const [a, b] = g.split('/');
    gateway = b ? { name: b, namespace: a } : { name: a };
  }
  const paths: RouteContext['paths'] = [];
  for (const h of arr(spec?.http)) {
    const ho = obj(h);
    const dest = obj(obj(arr(ho?.route)[0])?.destination);
    const host = str(dest?.host);
    if (!host) continue;
    const uri = obj(obj(arr(ho?.match)[0])?.uri);
    const exact = str(uri?.exact);
    const path = exact ?? str(uri?.prefix) ?? '/';
    const port = obj(dest?.port);
    if (!paths.some((x) => x.path === path))
      paths.push({ path, exact: !!exact, service: host.split('.')[0], port: typeof port?.number === 'number' ? port.number : 80 });
  }
  return { hostnames, paths, gateway };
}

/** The ingress-nginx CORS annotation keys of the source (removed from it after the migration). */
function corsAnnotationKeysOf(target: EffectivePolicy['target']): string[] {
  const keys: string[] = [];
  if (target.kind !== 'ingress-nginx') return keys;
  for (const a of target.annotations) {
    const suffix = a.key.slice(target.prefix.length + 1);
    if (a.key.startsWith(target.prefix + '/') && (CORS_SUFFIXES as readonly string[]).includes(suffix) && !keys.includes(a.key))
      keys.push(a.key);
  }
  return keys;
}

/** The command line's --namespace, --hostname, --service and --gateway over what the source says. */
function applyOptions(ctx: RouteContext, opts: MigrateOptions): void {
  if (opts.namespace !== undefined) {
    if (!DNS_NAME.test(opts.namespace) || opts.namespace.length > 63)
      throw new MigrateUsageError(`--namespace ${JSON.stringify(opts.namespace)} is not a valid namespace name.`);
    ctx.namespace = opts.namespace;
  }
  if (opts.hostnames && opts.hostnames.length > 0) {
    for (const h of opts.hostnames) {
      if (!/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(h))
        throw new MigrateUsageError(`--hostname ${JSON.stringify(h)} is not a valid host name.`);
    }
    ctx.hostnames = [...opts.hostnames];
  }
  if (opts.service) {
    const s = parseService(opts.service);
    if (ctx.paths.length === 0) ctx.paths = [{ path: '/', exact: false, service: s.service, port: s.port }];
    else ctx.paths = ctx.paths.map((p) => ({ ...p, service: s.service, port: s.port }));
  }
  if (ctx.paths.length === 0) {
    ctx.paths = [{ path: '/', exact: false, service: PLATFORM_DEFAULTS.service, port: PLATFORM_DEFAULTS.port }];
    ctx.notes.push('The source names no backend: `loft:80` (the vCluster Platform Service) is used; pass --service NAME:PORT for another.');
  }
  if (opts.gateway) ctx.gateway = parseGateway(opts.gateway);
  if (!DNS_NAME.test(ctx.name) || ctx.name.length > 253) ctx.name = PLATFORM_DEFAULTS.name;
}

/** A vCluster Platform values file: the chart's Ingress host and path, its Service `loft:80`. */
function valuesRouting(values: J | undefined, opts: MigrateOptions, notes: string[]): Routing {
  const ingress = obj(values?.ingress);
  const host = str(ingress?.host);
  if (!host) notes.push(`ingress.host is not set: the chart default ${PLATFORM_DEFAULTS.host} is used.`);
  if (!opts.namespace)
    notes.push(
      `Namespace ${PLATFORM_DEFAULTS.namespace} (the release namespace in the vCluster docs) is assumed: pass --namespace for another release namespace.`,
    );
  if (!opts.service) notes.push(`Backend: the chart's Service \`loft\` port 80 (plain HTTP to the Platform pod).`);
  return {
    hostnames: [host ?? PLATFORM_DEFAULTS.host],
    paths: [
      {
        path: str(ingress?.path) ?? PLATFORM_DEFAULTS.path,
        exact: false,
        service: PLATFORM_DEFAULTS.service,
        port: PLATFORM_DEFAULTS.port,
      },
    ],
  };
}

export function routeContext(parsed: ParsedFile, policy: EffectivePolicy, opts: MigrateOptions): RouteContext {
  const notes: string[] = [];
  const target = policy.target;
  const ctx: RouteContext = {
    name: PLATFORM_DEFAULTS.name,
    namespace: undefined,
    hostnames: [],
    paths: [],
    gateway: undefined,
    valuesFile: false,
    corsAnnotationKeys: corsAnnotationKeysOf(target),
    notes,
  };
  if (target.kind === 'ingress-nginx' && target.values) {
    ctx.valuesFile = true;
    ctx.namespace = PLATFORM_DEFAULTS.namespace;
    Object.assign(ctx, valuesRouting(obj(target.values.root.toJSON()), opts, notes));
  } else {
    const doc = parsed.docs[policy.docIndex]?.doc;
    const root = doc ? obj(toJS(doc)) : undefined;
    if (root) {
      const meta = obj(root.metadata);
      ctx.name = str(meta?.name) ?? ctx.name;
      ctx.namespace = str(meta?.namespace);
      const spec = obj(root.spec);
      const routing =
        target.kind === 'ingress-nginx'
          ? ingressRouting(spec)
          : target.kind === 'gateway-api'
            ? gatewayRouting(spec)
            : target.kind === 'istio'
              ? istioRouting(spec)
              : undefined;
      if (routing) Object.assign(ctx, routing);
    }
  }
  applyOptions(ctx, opts);
  return ctx;
}
