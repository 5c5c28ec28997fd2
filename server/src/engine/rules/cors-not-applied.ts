/**
 * cors-not-applied: CORS configuration that no request can reach.
 *
 *  - Istio: an `http` entry of a VirtualService with `corsPolicy` but no `route`, `redirect`, `directResponse` or
 *    `delegate`. istiod's admission webhook rejects the VirtualService ("HTTP route, redirect or direct_response is
 *    required"); and a corsPolicy only applies to requests its own entry matches, never to the next entry's paths.
 *  - Gateway API: a rule with a `CORS` filter but no `backendRefs` (and no `RequestRedirect` filter): the rule
 *    forwards nothing (a 500 for every request: conformance test HTTPRouteNoBackendRefs), so the CORS answer never reaches a backend's
 *    responses; the filter belongs in the rule that routes to the backend.
 *
 * Facts: docs/reference/cors-placement.md.
 */
import { isMap, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { defineRule } from './rule';
import { nodeRange } from '../parse/parse';
import { getMap, getPair } from '../parse/values';
import { apiGroup, manifestMeta } from '../targets/manifest';

const ISTIO_ACTIONS = ['route', 'redirect', 'directResponse', 'delegate'];

function hasAny(map: YAMLMap, keys: readonly string[]): boolean {
  return keys.some((k) => {
    const p = getPair(map, k);
    return !!p && p.value !== null && !(isSeq(p.value) && p.value.items.length === 0);
  });
}

function entryWithAction(items: unknown[], from: number, keys: readonly string[]): number | undefined {
  for (let j = from; j < items.length; j++) if (isMap(items[j]) && hasAny(items[j] as YAMLMap, keys)) return j;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'cors-not-applied',
    defaultSeverity: 'warning',
    description:
      'CORS configuration that no request reaches: an Istio `http` entry without a route, a Gateway API CORS filter in a rule without `backendRefs`.',
    fixable: false,
    docs: {
      summary:
        'CORS no request reaches: an Istio `http` entry without `route`/`redirect`/`directResponse`, a Gateway API CORS filter in a rule without `backendRefs`',
      controllers: 'Istio, Gateway API',
    },
    messages: {
      istioNoRoute: '{{entry}} has a corsPolicy but no route: no request gets this CORS policy.',
      gatewayNoBackend: '{{entry}} has a CORS filter but no backendRefs: no response gets these headers.',
    },
    kind: 'syntax',
  },
  create(ctx) {
    return {
      document(d) {
        const root = d.doc.contents;
        const meta = manifestMeta(root);
        if (!meta) return;
        const spec = getMap(root, 'spec', d.doc);
        if (!spec) return;
        if (meta.kind === 'VirtualService' && apiGroup(meta.apiVersion) === 'networking.istio.io') {
          const http = getPair(spec, 'http')?.value;
          if (!isSeq(http)) return;
          http.items.forEach((entry, i) => {
            if (!isMap(entry)) return;
            const cors = getPair(entry, 'corsPolicy');
            if (!cors || cors.value === null || hasAny(entry, ISTIO_ACTIONS)) return;
            const next = entryWithAction(http.items, i + 1, ISTIO_ACTIONS);
            const where =
              next !== undefined
                ? `Move \`corsPolicy\` into \`http[${next}]\`, the entry that routes the requests (a corsPolicy only covers the requests its own entry matches).`
                : 'Put `corsPolicy` in the `http` entry that routes the requests (a corsPolicy only covers the requests its own entry matches).';
            ctx.report({
              range: nodeRange(cors.key as Node) ?? meta.kindRange,
              messageId: 'istioNoRoute',
              data: { entry: `\`http[${i}]\`` },
              message:
                `Without a \`route\`, \`redirect\` or \`directResponse\` in \`http[${i}]\`, istiod rejects the VirtualService ` +
                `("HTTP route, redirect or direct_response is required"). ${where}`,
            });
          });
          return;
        }
        if (meta.kind === 'HTTPRoute' && apiGroup(meta.apiVersion) === 'gateway.networking.k8s.io') {
          const rules = getPair(spec, 'rules')?.value;
          if (!isSeq(rules)) return;
          rules.items.forEach((rule, i) => {
            if (!isMap(rule)) return;
            const filters = getPair(rule, 'filters')?.value;
            if (!isSeq(filters)) return;
            const types = filters.items.map((f) =>
              isMap(f) ? String((getPair(f, 'type')?.value as { value?: unknown } | undefined)?.value ?? '') : '',
            );
            const at = types.indexOf('CORS');
            if (at < 0 || types.includes('RequestRedirect') || hasAny(rule, ['backendRefs'])) return;
            const filter = filters.items[at] as YAMLMap;
            const next = entryWithAction(rules.items, i + 1, ['backendRefs']);
            const where =
              next !== undefined
                ? `Move the filter into \`rules[${next}]\`, the rule with \`backendRefs\` (a filter only applies to its own rule's requests).`
                : "Put the filter in the rule whose `backendRefs` serve the requests (a filter only applies to its own rule's requests).";
            ctx.report({
              range: nodeRange(getPair(filter, 'type')?.value as Node) ?? meta.kindRange,
              messageId: 'gatewayNoBackend',
              data: { entry: `\`rules[${i}]\`` },
              message:
                `The rule forwards nothing, so no backend response gets these CORS headers ` +
                `(Gateway API conformance, HTTPRouteNoBackendRefs, requires a 500 for its requests). ${where}`,
            });
          });
        }
      },
    };
  },
});
