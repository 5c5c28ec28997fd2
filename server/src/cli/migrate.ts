/**
 * `vcluster-cors migrate --to CONTROLLER FILE…`: the generated YAML (stdout, or files in -o DIR) and the behaviour
 * diff report (stderr, or stdout with -o). Exit 0: nothing a browser observes changes; 1: something does;
 * 2: usage or input errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UsageError, type CliOptions } from './args';
import { InputError, describeFsError } from './files';
import type { Io } from './context';
import type { LoadedFile } from './load';
import {
  formatDiff,
  isMigrationTarget,
  migrate,
  MIGRATION_TARGETS,
  MigrateUsageError,
  renderFile,
  renderStdout,
  type Migration,
} from '../engine/index';

type Loader = (o: CliOptions, io: Io) => Promise<LoadedFile[]>;

function jsonMigration(m: Migration, file: string, rendered: { name: string; text: string }[]) {
  return {
    file,
    source: m.source,
    from: m.from,
    to: m.to,
    files: rendered,
    changes: m.changes.map((c) => ({ id: c.id, message: c.message, fields: c.fields, shown: !!c.shown })),
    notes: m.notes,
    diff: {
      requests: m.diff.requests,
      origins: m.diff.origins,
      differences: m.diff.differences.map((d) => ({
        field: d.field,
        where: d.where,
        old: d.old,
        new: d.new,
        count: d.count,
        examples: d.examples,
        causes: d.causes,
        unexplained: d.unexplained,
      })),
    },
    lint: m.lint,
  };
}

export async function migrateCommand(o: CliOptions, io: Io, loadFiles: Loader): Promise<number> {
  const to = o.to ?? '';
  if (!isMigrationTarget(to)) {
    throw new UsageError(`\`--to\` must be ${MIGRATION_TARGETS.join(', ')} (got \`${to}\`)`, 'migrate');
  }
  const files = await loadFiles(o, io);
  const all: { file: LoadedFile; ms: Migration[] }[] = [];
  const messages: string[] = [];
  for (const f of files) {
    try {
      const res = migrate({
        text: f.text,
        filePath: f.abs,
        to,
        config: f.config,
        environment: o.env,
        options: { gateway: o.gateway, hostnames: o.hostnames, service: o.service, namespace: o.namespace },
      });
      for (const s of res.skipped) messages.push(`${f.display}: ${s.source} is not migrated: ${s.reason}.`);
      all.push({ file: f, ms: res.migrations });
    } catch (e) {
      if (e instanceof MigrateUsageError) throw new InputError(`${f.display}: ${e.message}`);
      throw e;
    }
  }
  const migrations = all.flatMap((x) => x.ms);
  if (migrations.length === 0) throw new InputError(messages.join('\n') || 'nothing to migrate');

  // Unique file names across sources.
  const used = new Set<string>();
  const rendered = all.map(({ file, ms }) =>
    ms.map((m) =>
      m.files.map((g) => {
        let name = g.name;
        for (let i = 2; used.has(name); i++) name = g.name.replace(/(\.[a-z-]+\.yaml)$/, `-${i}$1`);
        used.add(name);
        return { name, text: renderFile(m, g, path.basename(file.display)) };
      }),
    ),
  );

  const report: string[] = [...messages];
  all.forEach(({ file, ms }) => ms.forEach((m) => report.push(...formatDiff(m, file.display), '')));
  const changed = migrations.some((m) => m.diff.differences.length > 0 || m.lint.some((l) => !l.carriedOver));

  if (o.format === 'json') {
    const out = all.flatMap(({ file, ms }, i) => ms.map((m, k) => jsonMigration(m, file.display, rendered[i][k])));
    io.stdout.write(JSON.stringify({ migrations: out, notes: messages, changed }, null, 2) + '\n');
    if (o.output !== undefined) writeDir(o.output, io, rendered.flat(2));
    return changed ? 1 : 0;
  }
  if (o.output !== undefined) {
    const written = writeDir(o.output, io, rendered.flat(2));
    io.stdout.write(report.join('\n') + `Wrote ${written.join(', ')}\n`);
  } else {
    io.stdout.write(all.map(({ file, ms }) => renderStdout(ms, path.basename(file.display))).join('---\n'));
    io.stderr.write(report.join('\n'));
  }
  return changed ? 1 : 0;
}

function writeDir(dir: string, io: Io, files: { name: string; text: string }[]): string[] {
  const abs = path.resolve(io.cwd, dir);
  try {
    fs.mkdirSync(abs, { recursive: true });
    for (const f of files) fs.writeFileSync(path.join(abs, f.name), f.text);
  } catch (e) {
    throw new InputError(`cannot write into \`${dir}\`: ${describeFsError(e)}`);
  }
  return files.map((f) => path.join(dir, f.name));
}
