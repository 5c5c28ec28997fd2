/**
 * unknown-cors-annotation, for keys with a prefix that another controller reads (`ingress.kubernetes.io/` by the
 * HAProxy controllers, `nginx.org/` by F5 NGINX): decide from the Ingress class which controller the object is
 * for, never rename a key into another controller's prefix, and say which controller reads the prefix.
 * Not a rule: the `_` prefix keeps it out of the registry.
 */
import type { AnnotationEntry, IngressNginxTarget } from '../types';
import type { ReportDescriptor } from './rule';
import { classSelects, readersOfPrefix } from '../policy/annotationReaders';
import { CORS_SUFFIXES } from '../policy/ingressNginxModel';
import { fix, renameKey } from '../fix/edits';
import { levenshtein } from '../util/levenshtein';
import { q } from './_shared';
import type { TextLike } from '../util/pieceText';

/** The Ingress class of a target: `spec.ingressClassName` / `ingress.ingressClass`, else the legacy annotation. */
export function ingressClassOf(t: IngressNginxTarget): string | undefined {
  if (t.ingressClass?.value) return t.ingressClass.value;
  const a = t.byKey.get('kubernetes.io/ingress.class');
  return a && a.value.text ? a.value.text : undefined;
}

const corsLike = (name: string) => /cors|cros|access-?control/i.test(name);

/**
 * undefined: not a foreign prefix (the usual checks apply); null: a foreign controller's own key, fine;
 * otherwise the finding to report.
 */
export function foreignAnnotation(text: TextLike, t: IngressNginxTarget, a: AnnotationEntry): ReportDescriptor | null | undefined {
  const readers = readersOfPrefix(a.key);
  if (readers.length === 0) return undefined;
  const slash = a.key.indexOf('/');
  const prefix = a.key.slice(0, slash);
  const name = a.key.slice(slash + 1);
  if (!corsLike(name)) return null;
  const cls = ingressClassOf(t);
  const names = [...new Set(readers.flatMap((r) => r.corsNames))];
  const who = readers.map((r) => r.name).join(' and ');
  if (names.length === 0) {
    // F5 NGINX: no CORS annotations at all.
    return {
      range: a.keyRange,
      messageId: 'foreignNoCors',
      message:
        `${q(a.key)} is read by no controller: it is ignored. ${q(prefix + '/')} is the prefix of ${who}, which has no CORS annotations ` +
        `(it configures CORS with a \`Policy\` resource referenced by \`nginx.org/policies\`); ingress-nginx reads only ${q(t.prefix + '/')}.`,
    };
  }
  const forThem = readers.some((r) => classSelects(r, cls));
  const lower = name.toLowerCase();
  if (names.includes(name)) {
    // Only the shared legacy prefix is ambiguous; a HAProxy-only prefix is that controller's business.
    if (!cls || forThem || prefix.toLowerCase() !== 'ingress.kubernetes.io') return null;
    return {
      range: a.keyRange,
      messageId: 'foreignClass',
      message: `Class ${q(cls)} selects another controller; ${q(prefix + '/')} is read by ${who}, and ingress-nginx reads only ${q(t.prefix + '/')}.`,
    };
  }
  // A misspelt or ingress-nginx-style name (`enable-cors`) under this prefix.
  const canonical = lower === 'enable-cors' ? 'cors-enable' : lower;
  const near = names.map((n) => ({ n, d: n === canonical ? 0 : levenshtein(canonical, n) })).sort((x, y) => x.d - y.d)[0];
  if (forThem || !cls) {
    const guess = near && near.d <= 3 ? near.n : undefined;
    const full = guess ? `${prefix}/${guess}` : undefined;
    return {
      range: a.keyRange,
      messageId: 'foreignUnknown',
      message:
        `${q(a.key)} is not a HAProxy CORS annotation${full ? `; did you mean ${q(full)}?` : ': it is ignored.'} ` +
        `${q(prefix + '/')} is read by ${who}, with the names ${names.map((n) => q(n)).join(', ')}; ingress-nginx reads only ${q(t.prefix + '/')}.`,
      // A fix to that controller's own key name (same prefix), never into another controller's prefix.
      fixes: full ? [fix(`Rename to ${q(full)}`, [renameKey(text, a.keyRange, full)], forThem && near.d <= 2)] : [],
    };
  }
  // The class selects another controller (ingress-nginx): the ingress-nginx key is what was meant.
  const suffix = (CORS_SUFFIXES as readonly string[]).includes(lower) ? lower : undefined;
  const full = suffix ? `${t.prefix}/${suffix}` : undefined;
  return {
    range: a.keyRange,
    messageId: 'foreignNotRead',
    message:
      `${q(prefix + '/')} is read by ${who}; ingress-nginx, which class ${q(cls)} selects, reads ` +
      (full ? `${q(full)}.` : `only ${q(t.prefix + '/')}.`),
    fixes: full ? [fix(`Rename to ${q(full)}`, [renameKey(text, a.keyRange, full)], false)] : [],
  };
}
