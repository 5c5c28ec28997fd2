import { defineRule } from './rule';
import { q } from './_shared';
import { quoteValue, fix, replace, doubleQuoted } from '../fix/edits';
import { yaml11PlainType } from '../parse/values';
import { isAlias, isPair } from 'yaml';
import type { Node } from 'yaml';
import { keyText, nodeRange } from '../parse/parse';
import { getMap, valueRef } from '../parse/values';
import { findValueFallback } from '../targets/valuesFile';
import { isManifest } from '../targets';
import type { ValueRef } from '../types';
import type { RuleContext } from './rule';

/** Who reads the annotation: a values file (Helm renders it into the object) or a manifest (kubectl/GitOps). */
type Reader = 'helm' | 'manifest';

const WHAT: Record<string, string> = { bool: 'a boolean', int: 'a number', float: 'a number', null: 'null' };

export default defineRule({
  meta: {
    id: 'annotation-value-not-string',
    defaultSeverity: 'error',
    description:
      "An annotation value (values-file `ingress.annotations`/`commonAnnotations`, or any object's `metadata.annotations`) is not a YAML string: the API server rejects it.",
    fixable: 'safe',
    docs: {
      summary:
        "an annotation value is not a YAML string (Helm/YAML 1.1 rules: `true`, `yes`, `3600`), in a values file or any object's `metadata.annotations`",
      fix: 'quote the value',
    },
    kind: 'syntax',
    messages: {
      noValue: 'An annotation has no value: Helm reads null and drops the annotation.',
      collection: 'Annotation value is a {{what}}, not a string: the API server rejects it.',
      alias: 'An annotation value is an alias to a non-string: the API server rejects it.',
      null: '{{word}} is null in YAML, not a string: the annotation gets no usable value.',
      boolean: '{{word}} is a boolean in YAML, not a string: the API server rejects it.',
      number: '{{word}} is a number in YAML, not a string: the API server rejects it.',
      notString: '{{word}} is not a string in YAML: the API server rejects it.',
    },
    controllers: ['ingress-nginx'],
  },
  create(ctx) {
    return {
      target(target) {
        // Values files (the vCluster Platform chart's, and other charts' CORS annotations); manifests: below.
        if (!target.values && !target.otherChart) return;
        for (const a of target.annotations) check(ctx, a.key, a.keyRange, a.value, 'helm');
      },
      document(d) {
        // Every Kubernetes object's metadata.annotations is map[string]string, whatever its kind.
        const root = d.doc.contents;
        if (!isManifest(root)) return;
        const ann = getMap(getMap(root, 'metadata', d.doc), 'annotations', d.doc);
        for (const item of ann?.items ?? []) {
          if (!isPair(item)) continue;
          const key = keyText(item.key);
          const keyRange = nodeRange(item.key as Node);
          if (key === undefined || !keyRange) continue;
          check(ctx, key, keyRange, valueRef(ctx.text, item.value, findValueFallback(ctx.text, keyRange.end), d.doc), 'manifest');
        }
      },
    };
  },
});

function check(ctx: RuleContext, key: string, keyRange: { start: number; end: number }, v: ValueRef, reader: Reader): void {
  if (v.isString) return;
  const a = { key, keyRange };
  const rejects =
    reader === 'helm'
      ? 'Helm renders it unquoted and the API server rejects the release ("annotations … of type string")'
      : 'the API server rejects the object ("annotations … of type string")';
  const rejectsCollection = reader === 'helm' ? 'the API server rejects the release' : 'the API server rejects the object';
  const src = ctx.text.slice(v.range.start, v.range.end);
  if (!v.node) {
    // A manifest's null annotation is not a type error for the API server; only Helm drops it.
    if (reader === 'manifest') return;
    ctx.report({
      range: a.keyRange,
      messageId: 'noValue',
      message: `With --reuse-values, this explicit null also removes the value an earlier release set. Give ${q(a.key)} a quoted string value.`,
    });
    return;
  }
  const isCollection = v.style === undefined;
  if (isCollection) {
    ctx.report({
      range: v.range,
      messageId: 'collection',
      data: { what: v.collection === 'seq' ? 'list' : v.collection === 'map' ? 'mapping' : 'collection' },
      message: `${q(a.key)} must be a string, not a ${v.collection === 'seq' ? 'list' : v.collection === 'map' ? 'mapping' : 'collection'}: ${rejectsCollection} ("cannot unmarshal … into Go struct field ObjectMeta.metadata.annotations of type string").`,
    });
    return;
  }
  const word = src.trim();
  if (isAlias(v.node)) {
    ctx.report({
      range: v.range,
      messageId: 'alias',
      message: `${q(a.key)}: the alias ${q(word)} points at a value that is not a string: ${rejects}. Quote the anchored value instead.`,
    });
    return;
  }
  const type = yaml11PlainType(src);
  const raw = (v.node as { value?: unknown }).value;
  const kind = WHAT[type] ?? (typeof raw === 'number' ? 'a number' : typeof raw === 'boolean' ? 'a boolean' : 'not a string');
  if (type === 'null') {
    if (reader === 'manifest') return;
    ctx.report({
      range: v.range,
      messageId: 'null',
      data: { word: q(word) },
      message: `${q(a.key)}: YAML reads an unquoted ${q(word)} as the absence of a value, not as text. Give it a quoted string, or remove the key.`,
      fixes: [fix(`Quote the value: "${word}"`, [quoteValue(v, ctx.text)], false)],
    });
    return;
  }
  // For the two boolean annotations, a YAML 1.1 word such as `yes` becomes the value ingress-nginx
  // understands (Go's ParseBool has no `yes`), so one fix leaves a working value.
  const boolKey = /\/(enable-cors|cors-allow-credentials)$/.test(a.key);
  const canonical =
    boolKey && type === 'bool' && !/^(true|false|True|False|TRUE|FALSE)$/.test(word)
      ? /^(y|Y|yes|Yes|YES|on|On|ON)$/.test(word)
        ? 'true'
        : 'false'
      : undefined;
  const advice = canonical
    ? `Write ${q('"' + canonical + '"')} (ingress-nginx does not understand ${q(word)} either).`
    : `Quote it: ${q('"' + word + '"')}.`;
  ctx.report({
    range: v.range,
    messageId: kind === 'a boolean' ? 'boolean' : kind === 'a number' ? 'number' : 'notString',
    data: { word: q(word) },
    message: `${q(a.key)}: Kubernetes annotations hold strings only. ${rejects.charAt(0).toUpperCase()}${rejects.slice(1)}. ${advice}`,
    fixes: [
      canonical
        ? fix(`Replace with "${canonical}"`, [replace(v.range, doubleQuoted(canonical))])
        : fix(`Quote the value: "${word}"`, [quoteValue(v, ctx.text)]),
    ],
  });
}
