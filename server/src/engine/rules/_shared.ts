/** Helpers shared by rule modules (not a rule: the `_` prefix keeps it out of the registry). */
import type { AnnotationEntry, EffectivePolicy, FieldRef, IngressNginxTarget, Range, Target } from '../types';
import { annotationKey } from '../policy/ingressNginx';
import type { CorsSuffix } from '../policy/ingressNginxModel';

export const q = (s: string) => '`' + s + '`';

/** The effective annotation entry for a CORS suffix on an ingress-nginx target. */
export function annotation(target: Target, suffix: CorsSuffix): AnnotationEntry | undefined {
  if (target.kind !== 'ingress-nginx') return undefined;
  return target.byKey.get(annotationKey(target, suffix));
}

export function isNginx(target: Target): target is IngressNginxTarget {
  return target.kind === 'ingress-nginx';
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

/** Whether the target is a vCluster Platform values file (only then may messages speak of the Platform). */
export function isPlatformTarget(target: Target): boolean {
  return target.kind === 'ingress-nginx' && !!target.values;
}
