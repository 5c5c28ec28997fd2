/** `platformValues` in .vcluster-cors.yaml: files declared to be vCluster Platform values files. */
import { matchingGlob } from './globs';
import type { ResolvedConfig } from './config';

/** The glob that declares `filePath` a vCluster Platform values file, or undefined. */
export function declaredPlatformValues(filePath: string | undefined, config: ResolvedConfig): string | undefined {
  if (!filePath || !config.platformValues?.length || !config.platformValuesDir) return undefined;
  return matchingGlob(filePath, config.platformValues, config.platformValuesDir);
}
