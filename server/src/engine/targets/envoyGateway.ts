/**
 * Step 2 (Envoy Gateway): the `spec.cors` block of a SecurityPolicy (gateway.envoyproxy.io), one target per
 * policy. The policy's authentication keys (`jwt`, `oidc`, …) are kept: the CORS filter runs before them
 * (docs/reference/envoy-gateway.md).
 */
import { isMap, isPair } from 'yaml';
import type { Document } from 'yaml';
import type { EnvoyGatewayTarget, Target } from '../types';
import { keyText } from '../parse/parse';
import { getMap, getPair } from '../parse/values';
import { apiGroup, blockTarget, keyRangeOf, manifestMeta } from './manifest';
import type { TextLike } from '../util/pieceText';

export const ENVOY_GATEWAY_GROUP = 'gateway.envoyproxy.io';

/** SecurityPolicy keys that put an authentication or authorization filter after the CORS filter. */
export const ENVOY_GATEWAY_AUTH_KEYS = ['jwt', 'oidc', 'basicAuth', 'apiKeyAuth', 'extAuth', 'authorization'];

export function envoyGatewayTargets(text: TextLike, doc: Document.Parsed, docIndex: number): Target[] {
  const root = doc.contents;
  const meta = manifestMeta(root);
  if (!meta || meta.kind !== 'SecurityPolicy' || apiGroup(meta.apiVersion) !== ENVOY_GATEWAY_GROUP) return [];
  const spec = getMap(root, 'spec', doc);
  const corsPair = spec ? getPair(spec, 'cors') : undefined;
  if (!spec || !corsPair) return [];
  const block = getMap(spec, 'cors', doc);
  const auth: EnvoyGatewayTarget['auth'] = [];
  for (const it of spec.items) {
    const k = isPair(it) ? keyText(it.key) : undefined;
    const range = isPair(it) ? keyRangeOf(it) : undefined;
    if (k && range && ENVOY_GATEWAY_AUTH_KEYS.includes(k) && isMap(it.value)) auth.push({ key: k, range });
  }
  const path = 'spec.cors';
  const t: EnvoyGatewayTarget = {
    kind: 'envoy-gateway',
    ...blockTarget(text, doc, docIndex, meta, { source: `SecurityPolicy/${meta.name}`, keyPair: corsPair, block, path }),
    auth,
  };
  return [t];
}
