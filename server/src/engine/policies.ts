/** The effective CORS policies of a file (pure: also part of the browser facade, browser.ts). */
import type { EffectivePolicy, Range } from './types';
import type { ResolvedConfig } from './config/config';
import { readPolicies } from './readPolicies';

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
  const { policies, syntaxError } = readPolicies(text, options);
  return syntaxError ? { policies, syntaxError } : { policies };
}
