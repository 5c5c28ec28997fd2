/**
 * The file names of vCluster Platform values files, as the Platform docs use them (`vcluster-platform*.yaml`,
 * `*platform*values*.yaml`, `loft.yaml`, `loft-values.yaml`; `.yml` too). One list for the whole project: the
 * chart detection (targets/valuesKind.ts), the CLI's folder search, the language server's default `files`
 * setting; the `vclusterCors.files` default in package.json is checked against it by test/unit/globs.test.ts.
 */
export const VALUES_FILE_GLOBS: readonly string[] = [
  '**/vcluster-platform*.{yaml,yml}',
  '**/*platform*values*.{yaml,yml}',
  '**/loft.{yaml,yml}',
  '**/loft-values.{yaml,yml}',
];
