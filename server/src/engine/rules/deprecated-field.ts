import { isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { defineRule } from './rule';
import { atLeast, controllerVersion } from '../config/controllers';
import { q } from './_shared';
import { fix, removePair, renameKey, replaceValue } from '../fix/edits';
import { nodeRange } from '../parse/parse';
import { getMap, getPair, valueRef } from '../parse/values';
import { findValueFallback } from '../targets/valuesFile';
import { apiGroup, manifestMeta } from '../targets/manifest';
import type { Fix, ManifestField, TextEdit } from '../types';
import type { TextLike } from '../util/pieceText';

const TRAEFIK_V2_GROUP = 'traefik.containo.us';

/** Whether a Traefik object configures CORS (`spec.headers.accessControl*`). */
function hasTraefikCors(root: unknown): boolean {
  const headers = getMap(getMap(root, 'spec'), 'headers');
  return !!headers && headers.items.some((p) => /^accesscontrol/i.test(String(isScalar(p.key) ? p.key.value : '')));
}
const TRAEFIK_GROUP = 'traefik.io';

/** Rewrite a legacy `allowOrigin` list as `allowOrigins` with `exact:` entries (only plain scalar lists). */
function allowOriginsEdits(text: TextLike, f: ManifestField): TextEdit[] | undefined {
  const seq = f.pair.value;
  if (!isSeq(seq)) return undefined;
  const s = seq;
  if (s.items.length === 0) return undefined;
  const edits: TextEdit[] = [renameKey(text, f.keyRange, 'allowOrigins')];
  for (const item of s.items) {
    if (!isScalar(item) || typeof item.value !== 'string') return undefined;
    const r = nodeRange(item);
    if (!r) return undefined;
    const src = text.slice(r.start, r.end);
    if (src.includes('\n')) return undefined;
    edits.push({ start: r.start, end: r.end, newText: s.flow ? `{ exact: ${src} }` : `exact: ${src}` });
  }
  return edits;
}

export default defineRule({
  meta: {
    id: 'deprecated-field',
    defaultSeverity: 'warning',
    description:
      "A deprecated or removed CORS API is used: the Traefik v2 group `traefik.containo.us` (removed in Traefik v3), or Istio's deprecated `corsPolicy.allowOrigin`.",
    fixable: 'safe',
    docs: {
      controllers: 'Traefik (the API group of any document), Istio',
      summary: "the removed `traefik.containo.us` group, Istio's deprecated `allowOrigin`",
    },
    kind: 'syntax',
    messages: {
      traefikV2Group: 'The API group `traefik.containo.us` was removed in Traefik v3: v3 ignores this object.',
      allowOriginIgnored: '`allowOrigin` is ignored: `allowOrigins` is set, so Istio does not read it.',
      allowOrigin: '`allowOrigin` is deprecated: use `allowOrigins` with `exact:` entries.',
      allowOriginWins: '`allowOrigin` wins: Istio {{version}} ignores `allowOrigins` next to it.',
      allowOriginUnread: 'Istio {{version}} does not read `allowOrigin`: no origin is allowed.',
    },
    /** The target visitor is about Istio; the document visitor (every document) reports the removed Traefik group. */
    controllers: ['istio'],
  },
  create(ctx) {
    return {
      document(d) {
        const root = d.doc.contents;
        const meta = manifestMeta(root);
        if (!meta || apiGroup(meta.apiVersion) !== TRAEFIK_V2_GROUP) return;
        // A CORS linter speaks only about objects with CORS configuration: a Middleware with accessControl* headers.
        if (!hasTraefikCors(root)) return;
        // Traefik v2 serves the group (docs/reference/controller-versions.md): only a v3 target is affected.
        if (controllerVersion(ctx.config.controllers, 'traefik').major < 3) return;
        const pair = getPair(root, 'apiVersion')!;
        const kr = nodeRange(pair.key as Node)!;
        const ref = valueRef(ctx.text, pair.value, findValueFallback(ctx.text, kr.end), d.doc);
        const version = meta.apiVersion.slice(meta.apiVersion.lastIndexOf('/') + 1);
        const next = `${TRAEFIK_GROUP}/${version}`;
        ctx.report({
          range: ref.range,
          messageId: 'traefikV2Group',
          message:
            `${q(meta.apiVersion)}: Traefik v3 only serves ${q(TRAEFIK_GROUP)}, so on a Traefik v3 installation this ${meta.kind}'s ` +
            `CORS headers are never sent. Use ${q(next)} (Traefik v2.10+ serves both).`,
          fixes: [fix(`Use ${q(next)}`, [replaceValue(ref, next)])],
        });
      },
      target(t, policy) {
        const legacy = t.fields.get('allowOrigin');
        if (!legacy) return;
        const fixes: Fix[] = [];
        const v = policy.controllerVersion;
        // Istio 1.5 prefers allowOrigin, 1.6–1.7 ignore it (docs/reference/controller-versions.md §Istio).
        if (v && !atLeast(v, '1.8.0')) {
          const wins = !atLeast(v, '1.6.0');
          if (wins && !t.fields.has('allowOrigins')) return;
          const edits = wins ? undefined : allowOriginsEdits(ctx.text, legacy);
          if (edits) fixes.push(fix(`Replace with ${q('allowOrigins')} and ${q('exact:')} entries`, edits, false));
          ctx.report({
            range: legacy.keyRange,
            messageId: wins ? 'allowOriginWins' : 'allowOriginUnread',
            data: { version: `v${v.text}` },
            message: wins
              ? `Istio 1.8 and later prefer ${q('allowOrigins')}. Keep one of them.`
              : `Istio 1.6 and 1.7 translate only ${q('allowOrigins')} (PR istio/istio#22853); 1.8 reads ${q('allowOrigin')} again.`,
            fixes,
          });
          return;
        }
        if (t.fields.has('allowOrigins')) {
          if (t.block) fixes.push(fix(`Remove the ignored ${q('allowOrigin')}`, [removePair(ctx.text, t.block, legacy.pair)]));
          ctx.report({
            range: legacy.keyRange,
            messageId: 'allowOriginIgnored',
            message: `${q('allowOrigin')} is also deprecated: remove it.`,
            fixes,
          });
          return;
        }
        const edits = allowOriginsEdits(ctx.text, legacy);
        if (edits) fixes.push(fix(`Replace with ${q('allowOrigins')} and ${q('exact:')} entries`, edits));
        ctx.report({
          range: legacy.keyRange,
          messageId: 'allowOrigin',
          message:
            `The Istio docs no longer show it. ${q('allowOrigins')} entries are StringMatch objects ` +
            `(${q('exact:')}, ${q('prefix:')} or ${q('regex:')}). Each ${q('allowOrigin')} string is an exact match, so ${q('- exact: <origin>')} keeps the meaning.`,
          fixes,
        });
      },
    };
  },
});
