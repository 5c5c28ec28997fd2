/** The effective CORS policies of a file (pure: also part of the browser facade, browser.ts). */
import type { EffectivePolicy, Range } from './types';
import { parseText } from './parse/parse';
import { collectTargets } from './targets';
import { policyFor } from './policy';
import { DEFAULT_CONFIG } from './config/defaults';
import type { ResolvedConfig } from './config/config';
import { parseWithTemplates } from './parse/template';
import { noteUnknownPolicies, templateScope } from './templates';
import { declaredPlatformValues } from './config/platformValues';

export interface PoliciesResult {
  /** The effective policy of every CORS target in the file, in file order. */
  policies: EffectivePolicy[];
  /** Set when the file does not parse cleanly: the policies describe only what could be read. */
  syntaxError?: { message: string; range: Range };
}

/**
 * The effective CORS policies of a file without running any rule (cheaper than lintText when only the
 * policy is wanted, e.g. `vcluster-cors policy`).
 */
export function computePolicies(text: string, options: { config?: ResolvedConfig; filePath?: string } = {}): PoliciesResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const parsed = parseWithTemplates(text, options.filePath, (t) => parseText(t, config.maxFileSize));
  if (parsed.fatal) return { policies: [], syntaxError: { message: parsed.fatal.message, range: parsed.fatal.range } };
  const targets = collectTargets(parsed, { filePath: options.filePath, declared: declaredPlatformValues(options.filePath, config) });
  const policies = targets.map((t) => policyFor(t, config));
  noteUnknownPolicies(policies, templateScope(parsed, targets));
  const firstError = parsed.problems.find((p) => p.kind === 'error');
  return firstError ? { policies, syntaxError: { message: firstError.message, range: firstError.range } } : { policies };
}
