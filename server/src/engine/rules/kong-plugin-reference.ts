/**
 * kong-plugin-reference: a `konghq.com/plugins` entry that does not resolve to a plugin of the linted file, or
 * two `cors` plugins attached to the same object.
 *
 *  - An entry that names no plugin of the file is reported only when the file shows what was meant: a KongPlugin
 *    of that name in another namespace, or a close name (a typo). Otherwise the plugin may be in another file:
 *    silent.
 *  - Two entries resolving to two `plugin: cors` objects on one object: Kong keeps one plugin of a name per
 *    route/service/consumer, so the configuration cannot be applied as written.
 *
 * Facts: docs/reference/kong.md (attachment).
 */
import type { ParsedDocument } from '../types';
import { defineRule, type RuleContext } from './rule';
import { fix, replace } from '../fix/edits';
import { levenshtein } from '../util/levenshtein';
import {
  kongWiring,
  resolveKongRef,
  type KongPluginDecl,
  type KongPluginRef,
  type KongReferer,
  type KongWiring,
} from '../targets/kongWiring';

const q = (s: string) => `\`${s}\``;
const where = (p: KongPluginDecl) =>
  p.kind === 'KongClusterPlugin' ? 'KongClusterPlugin (cluster-wide)' : `KongPlugin in namespace ${q(p.namespace ?? '(unset)')}`;

function checkUnresolved(ctx: RuleContext, w: KongWiring, r: KongReferer, ref: KongPluginRef): void {
  const ns = ref.namespace ?? r.namespace;
  const elsewhere = w.plugins.find((p) => p.kind === 'KongPlugin' && p.name === ref.name);
  if (elsewhere) {
    ctx.report({
      range: ref.range,
      messageId: 'wrongNamespace',
      data: { ref: q(ref.text) },
      message:
        `The KongPlugin ${q(ref.name)} of this file is in namespace ${q(elsewhere.namespace ?? '')}, and ${r.label} looks it up in ${q(ns ?? '(unset)')}. ` +
        'Put both in one namespace (a `namespace:name` entry also needs a ReferenceGrant).',
      related: [{ range: elsewhere.anchor, message: `KongPlugin ${q(elsewhere.name)} in namespace ${q(elsewhere.namespace ?? '')}` }],
    });
    return;
  }
  const visible = w.plugins.filter(
    (p) => p.kind === 'KongClusterPlugin' || p.namespace === undefined || ns === undefined || p.namespace === ns,
  );
  const names = [...new Set(visible.map((p) => p.name))];
  const close = names.filter((n) => levenshtein(n.toLowerCase(), ref.name.toLowerCase(), 2) <= 2);
  if (close.length === 0) return;
  const suggestion = close.length === 1 ? (ref.namespace !== undefined ? `${ref.namespace}:${close[0]}` : close[0]) : undefined;
  const target = visible.find((p) => p.name === close[0])!;
  ctx.report({
    range: ref.range,
    messageId: 'unknownPlugin',
    data: { ref: q(ref.text) },
    message:
      `The file declares ${close.map(q).join(', ')}, not ${q(ref.name)}; the controller looks names up exactly ` +
      '(a KongPlugin of the namespace, then a KongClusterPlugin).' +
      (suggestion ? ` Did you mean ${q(suggestion)}?` : ''),
    fixes: suggestion ? [fix(`Reference ${q(suggestion)}`, [replace(ref.range, suggestion)], false)] : [],
    related: [{ range: target.anchor, message: `${target.kind} ${q(target.name)}` }],
  });
}

function checkTwoCors(ctx: RuleContext, r: KongReferer, resolved: { ref: KongPluginRef; plugin: KongPluginDecl }[]): void {
  const cors = resolved.filter((x) => x.plugin.plugin === 'cors');
  const first = cors[0];
  const second = cors.find((x) => x.plugin !== first?.plugin);
  if (!first || !second) return;
  ctx.report({
    range: second.ref.range,
    messageId: 'twoCors',
    data: { label: r.label },
    message:
      `${r.label} attaches ${q(first.ref.name)} and ${q(second.ref.name)}, both \`plugin: cors\`. Kong keeps one plugin of a name per ` +
      'route, service or consumer: the two collide and the controller cannot apply the configuration as written. Merge them into one.',
    related: [
      { range: first.ref.range, message: `first \`cors\` plugin: ${q(first.ref.name)} (${where(first.plugin)})` },
      { range: second.plugin.anchor, message: `${second.plugin.kind} ${q(second.plugin.name)}` },
    ],
  });
}

export default defineRule({
  meta: {
    id: 'kong-plugin-reference',
    defaultSeverity: 'error',
    description:
      'A `konghq.com/plugins` entry naming a plugin that is not in its namespace (while the file shows a close name or another namespace), or two `cors` plugins on one object.',
    fixable: 'unsafe',
    controllers: ['kong'],
    docs: {
      summary:
        'a `konghq.com/plugins` entry whose plugin the file declares in another namespace or under a close name (a typo), or two `plugin: cors` objects attached to the same Ingress, Service, HTTPRoute or KongConsumer',
      fix: 'writes the one close name the file declares (did you mean)',
    },
    messages: {
      unknownPlugin: '{{ref}} names no plugin of the file: the controller attaches nothing.',
      wrongNamespace: '{{ref}}: the file declares it in another namespace, so nothing is attached.',
      twoCors: '{{label}} attaches two `cors` plugins: Kong keeps one per object.',
    },
    kind: 'syntax',
  },
  create(ctx) {
    const docs: ParsedDocument[] = [];
    return {
      document(d) {
        docs.push(d);
      },
      end() {
        const w = kongWiring(ctx.text, docs);
        if (w.plugins.length === 0) return;
        for (const r of w.referers) {
          const resolved: { ref: KongPluginRef; plugin: KongPluginDecl }[] = [];
          for (const ref of r.refs) {
            const plugin = resolveKongRef(w, r, ref);
            if (plugin) resolved.push({ ref, plugin });
            else checkUnresolved(ctx, w, r, ref);
          }
          checkTwoCors(ctx, r, resolved);
        }
      },
    };
  },
});
