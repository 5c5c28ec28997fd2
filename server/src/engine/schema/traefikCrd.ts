/** Traefik Middleware `spec.headers`: the CRD field types and Go `regexp` compilation (docs/reference/controllers.md). */
import type { TraefikTarget } from '../types';
import type { SchemaProblem } from './chart';
import { re2Error } from '../policy/re2';
import { q } from '../util/markdown';
import { add, crdCtx, expectType, stringItems } from './crdShape';
import type { Ctx } from './crdShape';
import type { TextLike } from '../util/pieceText';

const TRAEFIK_BOOL = ['accessControlAllowCredentials', 'addVaryHeader'];
const TRAEFIK_LISTS = [
  'accessControlAllowHeaders',
  'accessControlAllowMethods',
  'accessControlAllowOriginList',
  'accessControlAllowOriginListRegex',
  'accessControlExposeHeaders',
];

function traefik(c: Ctx, t: TraefikTarget): void {
  for (const name of TRAEFIK_BOOL) {
    const f = t.fields.get(name);
    if (f) expectType(c, f, 'boolean');
  }
  for (const name of TRAEFIK_LISTS) {
    const f = t.fields.get(name);
    if (!f) continue;
    const items = stringItems(c, f);
    if (name !== 'accessControlAllowOriginListRegex') continue;
    for (const i of items ?? []) {
      const err = re2Error(i.value);
      if (err)
        add(
          c,
          i.range,
          `${f.label}[${i.index}]`,
          `${q(i.value)} does not compile as a Go regexp (${err}): Traefik cannot build the middleware.`,
        );
    }
  }
  const max = t.fields.get('accessControlMaxAge');
  if (max) expectType(c, max, 'integer');
}

/** Shape problems of one Traefik Middleware's headers (labels are strings by construction: Traefik parses them itself). */
export function traefikCrd(text: TextLike, t: TraefikTarget): SchemaProblem[] {
  if (t.labelsRange) return [];
  const c = crdCtx(text, 'Middleware');
  traefik(c, t);
  return c.out;
}
