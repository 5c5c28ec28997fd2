/** Origin validation for editor input (the insert-CORS-block request), using the engine's own rules. */
import { entryProblem } from '../engine/index';

export type OriginCheck = { ok: true; origins: string[] } | { ok: false; message: string; problems: string[] };

/** Every entry must be an origin ingress-nginx accepts (scheme://host[:port]); `*` and `null` are refused. */
export function checkOrigins(input: unknown): OriginCheck {
  if (!Array.isArray(input)) {
    const message = '`origins` must be a list of origins such as `https://app.example.com`.';
    return { ok: false, message, problems: [message] };
  }
  const origins: string[] = [];
  const problems: string[] = [];
  for (const raw of input) {
    if (typeof raw !== 'string') {
      problems.push(`${JSON.stringify(raw)} is not a string`);
      continue;
    }
    const v = raw.trim();
    if (v === '') continue;
    if (v === '*') {
      problems.push('`*` allows every website; list the origins that need access instead');
      continue;
    }
    if (v === 'null') {
      problems.push('`null` is the origin of sandboxed iframes and local files, and must not be trusted');
      continue;
    }
    const why = entryProblem(v);
    if (why) problems.push(why);
    else if (!origins.includes(v)) origins.push(v);
  }
  if (problems.length > 0)
    return { ok: false, message: `Invalid origin${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}.`, problems };
  if (origins.length === 0) {
    const message = 'Give at least one origin, such as `https://app.example.com`.';
    return { ok: false, message, problems: [message] };
  }
  return { ok: true, origins };
}
