/**
 * The `vcluster-cors` commands. `run` returns the exit code; it never calls process.exit, so output
 * written to pipes is flushed before the process ends.
 *
 * Order of work, so that a bad input never leaves files half-fixed: collect the files, resolve the
 * configuration of every file, read every file; only then lint, fix and write back.
 *
 * The steps live next door: context.ts (Io, output, errors), load.ts (reading the files), releases.ts (Helm
 * releases), lint.ts (the `lint` command).
 */
import { isRelease, parseArgs, UsageError, type CliOptions } from './args';
import { helpFor } from './help';
import { InputError } from './files';
import { painter } from './color';
import { formatPolicyJson, formatPolicyText, type PolicyReport } from './format/policy';
import { formatSimulateJson, formatSimulateText, type SimulateReport } from './format/simulate';
import { formatVerifyJson, formatVerifyText, runVerify } from './verify';
import { migrateCommand } from './migrate';
import { colorFor, debugEnabled, emit, FatalLines, VERSION, type Io } from './context';
import { loadFiles } from './load';
import { loadRelease, releaseWhere } from './releases';
import { lintCommand } from './lint';
import { computePolicies, LineIndex, simulate, type SimulationRequest } from '../engine/index';

export { debugEnabled, maxFixPasses, processIo, VERSION, type Io } from './context';
export { loadFiles, type LoadedFile } from './load';
export type { ReleaseFileResult } from './releases';

async function policyCommand(o: CliOptions, io: Io): Promise<number> {
  if (isRelease(o)) {
    const rel = loadRelease(o, io);
    const reports: PolicyReport[] = [
      {
        file: `release: ${rel.info.sources.join(' → ')}`,
        policies: rel.result.policies,
        lines: new LineIndex(rel.result.synthesized.text),
        where: releaseWhere(rel),
      },
    ];
    emit(o, io, o.format === 'json' ? formatPolicyJson(reports) : formatPolicyText(reports, painter(colorFor(o, io, false))));
    return 0;
  }
  const files = await loadFiles(o, io);
  const reports: PolicyReport[] = [];
  for (const f of files) {
    const res = computePolicies(f.text, { config: f.config, filePath: f.display });
    const lines = new LineIndex(f.text);
    if (res.syntaxError) {
      const pos = lines.position(res.syntaxError.range.start);
      io.stderr.write(
        `vcluster-cors: ${f.display}:${pos.line + 1}:${pos.character + 1}: not valid YAML (${res.syntaxError.message}); the policy shows only what could be read\n`,
      );
    }
    reports.push({ file: f.display, policies: res.policies, lines });
  }
  const out = o.format === 'json' ? formatPolicyJson(reports) : formatPolicyText(reports, painter(colorFor(o, io, false)));
  emit(o, io, out);
  return 0;
}

async function simulateCommand(o: CliOptions, io: Io): Promise<number> {
  const files = isRelease(o) ? [] : await loadFiles(o, io);
  const request: SimulationRequest = { origin: o.origin ?? '', method: o.method, headers: o.headers, credentials: o.credentials };
  const reports: SimulateReport[] = [];
  let count = 0;
  let blocked = 0;
  if (isRelease(o)) {
    const rel = loadRelease(o, io);
    const items = rel.result.policies.map((policy) => ({ policy, result: simulate(policy, request) }));
    count += items.length;
    blocked += items.filter((x) => x.result.verdict === 'blocked').length;
    reports.push({ file: `release: ${rel.info.sources.join(' → ')}`, lines: new LineIndex(rel.result.synthesized.text), items });
  }
  for (const f of files) {
    const res = computePolicies(f.text, { config: f.config, filePath: f.display });
    const lines = new LineIndex(f.text);
    if (res.syntaxError) {
      const pos = lines.position(res.syntaxError.range.start);
      io.stderr.write(
        `vcluster-cors: ${f.display}:${pos.line + 1}:${pos.character + 1}: not valid YAML (${res.syntaxError.message}); the simulation uses only what could be read\n`,
      );
    }
    const items = res.policies.map((policy) => ({ policy, result: simulate(policy, request) }));
    count += items.length;
    blocked += items.filter((x) => x.result.verdict === 'blocked').length;
    reports.push({ file: f.display, lines, items });
  }
  if (count === 0) {
    throw new InputError(
      `no CORS configuration found in ${files.length === 1 ? `\`${files[0].display}\`` : 'the files'} (no chart values with an \`ingress\` block): nothing to simulate`,
    );
  }
  const out = o.format === 'json' ? formatSimulateJson(reports) : formatSimulateText(reports, request, painter(colorFor(o, io, false)));
  emit(o, io, out);
  return blocked > 0 ? 1 : 0;
}

async function verifyCommand(o: CliOptions, io: Io): Promise<number> {
  const files = await loadFiles(o, io);
  if (files.length !== 1)
    throw new UsageError(`\`verify\` checks one values file at a time; \`${o.paths[0]}\` holds ${files.length}`, 'verify');
  const f = files[0];
  const result = await runVerify(o, f, { cwd: io.cwd, userAgent: `vcluster-cors/${VERSION}`, stderr: io.stderr });
  emit(o, io, o.format === 'json' ? formatVerifyJson(result) : formatVerifyText(result, painter(colorFor(o, io, false))));
  return result.match ? 0 : 1;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'help') {
      io.stdout.write(helpFor(parsed.command));
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const o = parsed.options;
    switch (o.command) {
      case 'lint':
        return await lintCommand(o, io);
      case 'policy':
        return await policyCommand(o, io);
      case 'simulate':
        return await simulateCommand(o, io);
      case 'verify':
        return await verifyCommand(o, io);
      case 'migrate':
        return await migrateCommand(o, io, loadFiles);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`vcluster-cors: ${e.message}\nRun \`vcluster-cors ${e.command ? e.command + ' ' : ''}--help\` for usage.\n`);
      return 2;
    }
    if (e instanceof FatalLines) {
      io.stderr.write(e.lines.map((l) => l + '\n').join(''));
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr.write(`vcluster-cors: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr.write(`vcluster-cors: ${err && err.message ? err.message : String(e)}\n`);
    if (debugEnabled(io.env) && err && err.stack) io.stderr.write(err.stack + '\n');
    return 2;
  }
}
