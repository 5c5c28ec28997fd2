/**
 * Root cause first. A rule may state that its finding follows from another rule's finding (ReportDescriptor.cause):
 * one trailing slash in `cors-allow-origin` makes ingress-nginx fall back to `*`, which gives invalid-origin (the
 * cause), wildcard-origin and wildcard-with-credentials (the consequences) on the same value. Each rule keeps its
 * finding (users filter and suppress by id), but when the cause is reported:
 *  - the consequence's headline names the cause (the rule's `cause.messageId`);
 *  - its related information points at the cause;
 *  - the cause's fixes come first, so its preferred quick fix repairs the cause (which clears them all);
 *  - it takes the cause's range (inside its own: the entry, not the whole value) and is sorted right after it, so
 *    editors that sort by position (the Problems panel) list the cause first too.
 * Without the cause (the rule is off, or the finding is suppressed) the consequence stands as first reported.
 */
import type { Finding, Range } from './types';

/** A rule's statement that its finding follows from another rule's finding inside `range`. */
export interface CauseLink {
  ruleId: string;
  range: Range;
  /** The whole message (headline naming the cause, then the explanation) used when the cause is reported. */
  message: string;
  messageId: string;
  data?: Record<string, string | number>;
}
import { ruleById } from './rules/registry';
import { renderHeadline } from './rules/rule';
import { compareIds } from './util/compare';

function inside(inner: Finding['range'], outer: Finding['range']): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Links every consequence to its cause (when reported), then sorts the findings: by position, causes first. */
export function linkCauses(findings: Finding[]): Finding[] {
  const out = findings.map((f) => {
    const link = f.causedBy;
    if (!link) return f;
    const { causedBy: _, ...rest } = f;
    const cause = findings.find((c) => c !== f && c.ruleId === link.ruleId && inside(c.range, link.range));
    if (!cause) return rest;
    const meta = ruleById.get(cause.ruleId)?.meta;
    const headline = meta && cause.messageId ? renderHeadline(meta, cause.messageId, cause.data) : cause.message;
    const titles = new Set(cause.fixes.map((x) => x.title));
    return {
      ...rest,
      messageId: link.messageId,
      data: link.data,
      message: link.message,
      range: cause.range,
      cause: { ruleId: cause.ruleId, range: cause.range },
      related: [{ range: cause.range, message: `Cause (${cause.ruleId}): ${headline}` }, ...f.related],
      fixes: [...cause.fixes.map((x) => ({ ...x, fromCause: cause.ruleId })), ...f.fixes.filter((x) => !titles.has(x.title))],
    };
  });
  const at = (f: Finding) => f.cause?.range ?? f.range;
  out.sort(
    (a, b) =>
      at(a).start - at(b).start ||
      at(a).end - at(b).end ||
      Number(!!a.cause) - Number(!!b.cause) ||
      a.range.start - b.range.start ||
      a.range.end - b.range.end ||
      compareIds(a.ruleId, b.ruleId),
  );
  return out;
}
