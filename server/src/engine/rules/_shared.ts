/** Helpers shared by rule modules (not a rule: the `_` prefix keeps it out of the registry). */
import type { AnnotationEntry, EffectivePolicy, FieldRef, IngressNginxTarget, Range } from '../types';
import { annotationKey } from '../policy/ingressNginx';
import type { CorsSuffix } from '../policy/ingressNginxModel';

export { q } from '../util/markdown';

/** The effective annotation entry for a CORS suffix on an ingress-nginx target. */
export function annotation(target: IngressNginxTarget, suffix: CorsSuffix): AnnotationEntry | undefined {
  return target.byKey.get(annotationKey(target, suffix));
}

/** Where to report a policy-level problem about `field`: its value, else the policy anchor. */
export function fieldRange(p: EffectivePolicy, field: keyof EffectivePolicy['fields']): Range {
  const f = p.fields[field];
  return f ? f.value.range : p.anchor;
}

/** Short label of a field for messages: the annotation suffix or the field name. */
export function fieldLabel(f: FieldRef | undefined, fallback: string): string {
  if (!f) return fallback;
  const slash = f.label.lastIndexOf('/');
  return slash >= 0 && f.label.includes('nginx.ingress.kubernetes.io') ? f.label.slice(slash + 1) : f.label;
}

/** Range covering a key and its value (for related information). */
export function keyRange(f: FieldRef): Range {
  return f.keyRange;
}

export { isPlatformTarget } from '../targets';
