/**
 * Reading what the officer handed in, and writing our results without ever harming it.
 *
 * Two files are "the same" as the filesystem sees it: the same device and inode (this catches
 * symlinks, hard links, `../` detours and the case-insensitive disks of Windows and macOS), or the
 * same real path. Writes go through a short temporary name beside the target (write, fsync,
 * rename), so a failure leaves neither half a workbook nor a stray file behind.
 */
import { constants, promises as fs } from 'fs';
import * as path from 'path';
import { CliError, fileErrorMessage, quoted } from './errors';

/** Who a file is to the filesystem. */
export interface FileIdentity {
  real: string;
  dev: bigint;
  ino: bigint;
  kind: 'file' | 'folder' | 'other';
}

/** The identity of an existing path (symlinks followed); null when there is nothing there. */
export async function identify(p: string): Promise<FileIdentity | null> {
  try {
    const [stat, real] = await Promise.all([fs.stat(p, { bigint: true }), fs.realpath(p)]);
    const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
    return { real, dev: stat.dev, ino: stat.ino, kind };
  } catch {
    return null;
  }
}

export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return (a.dev === b.dev && a.ino === b.ino && a.ino !== 0n) || a.real === b.real;
}

/** Why the command reads a file: named in the message that refuses to write over it. */
export type FileRole = 'input' | 'profile' | 'scanned';

const ROLE_TEXT: Record<FileRole, string> = {
  input: '要读取的输入文件',
  profile: '指标体系文件（--profile）',
  scanned: '本次汇总要读取的文件',
};

export interface ReadPath {
  userPath: string;
  role: FileRole;
  identity: FileIdentity | null;
}

export async function readPath(userPath: string, role: FileRole): Promise<ReadPath> {
  return { userPath, role, identity: await identify(userPath) };
}

/** A regular file's bytes; a folder, a device or a missing file is a Chinese message. */
export async function readUserFile(userPath: string): Promise<Buffer> {
  try {
    const stat = await fs.stat(userPath);
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!stat.isFile()) throw new CliError(`${quoted(userPath)}不是普通文件（可能是设备或管道），无法读取。请给出 .xlsx 或 .json 文件的路径。`);
    return await fs.readFile(userPath);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(fileErrorMessage(e, userPath, 'read'), 2, e);
  }
}

/** Where an output goes: the path as typed (for messages) and the real file it names. */
export interface OutputTarget {
  userPath: string;
  /** The real path written: symlinks and `../` resolved as the filesystem resolves them. */
  real: string;
  /** The existing file at that path, if there is one. */
  existing: FileIdentity | null;
}

/**
 * Resolves `--out` as the filesystem will: an existing path by its real path; a new one by the
 * real path of its nearest existing folder plus the names still to be created.
 */
export async function resolveOutput(userPath: string): Promise<OutputTarget> {
  const fail = (e: unknown) => new CliError(fileErrorMessage(e, userPath, 'write'), 2, e);
  let lstat;
  try {
    lstat = await fs.lstat(userPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fail(e);
  }
  if (lstat) {
    const existing = await identify(userPath);
    if (!existing && lstat.isSymbolicLink()) throw new CliError(`${quoted(userPath)}是一个指向不存在文件的快捷方式（符号链接），不会写入。请换一个输出文件名。`);
    if (!existing) throw fail(await fs.stat(userPath).then(() => new Error('vanished'), (e: unknown) => e));
    if (existing.kind === 'folder') throw new CliError(`--out ${quoted(userPath)}是文件夹。请给出要写出的文件名，例如 ${path.join(userPath, '结果.xlsx')}。`);
    if (existing.kind !== 'file') throw new CliError(`--out ${quoted(userPath)}不是普通文件，不会写入。请换一个输出文件名。`);
    return { userPath, real: existing.real, existing };
  }
  // Walk up the path as typed (not path.resolve'd: `link/..` must mean what the filesystem says).
  const missing: string[] = [path.basename(userPath)];
  let folder = path.dirname(userPath);
  for (;;) {
    try {
      const real = await fs.realpath(folder);
      if (!(await fs.stat(real)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      return { userPath, real: path.join(real, ...missing), existing: null };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const parent = path.dirname(folder);
      if (code !== 'ENOENT' || parent === folder) throw fail(e);
      missing.unshift(path.basename(folder));
      folder = parent;
    }
  }
}

/**
 * The one rule for every command that writes (score, template, batch, report): never over a file
 * the command reads, and — where the command asks for it — not over any existing file unless
 * `--force`. Throws with nothing written.
 */
export function refuseOverwrite(target: OutputTarget, reads: ReadPath[], opts: { force: boolean; existing: 'replace' | 'refuse-unless-force' }): void {
  const existing = target.existing;
  if (!existing) return;
  for (const r of reads) {
    if (r.identity && sameFile(existing, r.identity)) {
      throw new CliError(
        `--out ${quoted(target.userPath)}与${ROLE_TEXT[r.role]}${quoted(r.userPath)}是同一个文件，不会写入：原文件保持不变。请为结果另取一个文件名。`,
      );
    }
  }
  if (opts.existing === 'refuse-unless-force' && !opts.force) {
    throw new CliError(`${quoted(target.userPath)}已存在，未写入。如确实要替换它，请加 --force。`);
  }
}

/** resolveOutput + refuseOverwrite: where to write, once it is known to be allowed. */
export async function prepareOutput(
  userPath: string,
  reads: ReadPath[],
  opts: { force: boolean; existing: 'replace' | 'refuse-unless-force' },
): Promise<OutputTarget> {
  const target = await resolveOutput(userPath);
  refuseOverwrite(target, reads, opts);
  return target;
}

let tmpCount = 0;

/**
 * Writes through `.jxpj-<pid>-<n>.tmp` in the target's folder (short, so a long Chinese file name
 * still fits the filesystem's limit), fsyncs, then renames over the target. On failure the
 * temporary file is removed and the message names the user's path.
 */
export async function writeAtomically(target: OutputTarget, bytes: Buffer): Promise<void> {
  const folder = path.dirname(target.real);
  const tmp = path.join(folder, `.jxpj-${process.pid}-${++tmpCount}.tmp`);
  let created = false;
  try {
    if (target.existing) await fs.access(target.real, constants.W_OK);
    await fs.mkdir(folder, { recursive: true });
    const handle = await fs.open(tmp, 'wx');
    created = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target.real);
    created = false;
  } catch (e) {
    if (created) await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new CliError(fileErrorMessage(e, target.userPath, 'write'), 2, e);
  }
}
