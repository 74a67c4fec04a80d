/**
 * What the CLI says when something goes wrong. Every message is Chinese, names the path as the
 * user typed it (never a real path or a temporary file) and says what to do. Nothing raw — no
 * English system message, no stack — reaches a person unless `--debug` asks for it.
 */

/** A problem to report and the exit code it ends with (2: usage or I/O; 1: invalid input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
    /** The underlying error, shown with `--debug`. */
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** A mistake in the command line itself: the message is followed by a pointer to --help. */
export class UsageError extends CliError {}

/** A path as the user will recognise it in a message. */
export const quoted = (userPath: string) => `“${userPath}”`;

/** A file whose content cannot be read (not a workbook, broken JSON…); `reason` is the message without the path. */
export class UnreadableFile extends CliError {
  constructor(
    userPath: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`无法读取${quoted(userPath)}：${reason}`, 2, cause);
  }
}

type Action = 'read' | 'write' | 'list';

const VERB: Record<Action, string> = { read: '读取', write: '写入', list: '打开文件夹' };

/**
 * A system error (ENOENT, EACCES…) while reading, writing or listing `userPath`, as a message.
 * Codes not listed still give a Chinese sentence, with the code for whoever fixes it.
 */
export function fileErrorMessage(e: unknown, userPath: string, action: Action): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const p = quoted(userPath);
  const verb = VERB[action];
  switch (code) {
    case 'ENOENT':
      return action === 'write' ? `无法写入${p}：所在文件夹不存在或已被移走。请检查路径。` : `找不到${p}。请检查路径和文件名是否正确。`;
    case 'EACCES':
    case 'EPERM':
      return action === 'write'
        ? `没有权限写入${p}。请换一个有写权限的文件夹，或检查该文件是否设为只读、是否正在 Excel 中打开。`
        : `没有权限${verb}${p}。请检查文件权限，或先把它复制到自己的文件夹再试。`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `${p}正被其他程序占用（例如正在 Excel 中打开）。请关闭后重试。`;
    case 'EISDIR':
      return `${p}是文件夹，不是文件。请给出文件的路径。`;
    case 'ENOTDIR':
      return action === 'list' ? `${p}不是文件夹。` : `路径${p}中有一段不是文件夹。请检查路径。`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `磁盘空间不足，未能写出${p}（没有留下不完整的文件）。请清理磁盘或换一个位置后重试。`;
    case 'EROFS':
      return `${p}所在的磁盘是只读的，无法写入。请换一个位置。`;
    case 'ENAMETOOLONG':
      return `路径${p}太长，系统不接受。请用短一些的文件名或文件夹。`;
    case 'ELOOP':
      return `${p}的快捷方式（符号链接）绕成了一个圈，无法${verb}。`;
    case 'EMFILE':
    case 'ENFILE':
      return `同时打开的文件太多，无法${verb}${p}。请关闭一些程序后重试。`;
    case 'ERR_FS_FILE_TOO_LARGE':
      return `${p}太大（超过 2 GB），不是本工具能读取的文件。请确认选对了文件。`;
    case 'EIO':
      return `读写${p}时磁盘出错（EIO）。请检查磁盘或网络盘是否正常，稍后重试。`;
    default:
      return `无法${verb}${p}（系统错误 ${code ?? '未知'}）。请检查该路径后重试；如仍出错，请加 --debug 重新运行并把输出发给维护人员。`;
  }
}

/** True for the errors Node raises for file-system calls (they carry a string `code`). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/** The message for anything no one foresaw: what happened in plain words and what to do. */
export function unexpectedMessage(debug: boolean): string {
  return debug
    ? '程序内部出错（以下为调试信息）。请把全部输出发给维护人员。'
    : '程序内部出错。请加 --debug 重新运行，并把全部输出发给维护人员。';
}

/** The details `--debug` adds: the stack, or whatever was thrown. */
export function debugDetails(e: unknown): string {
  if (e instanceof CliError && e.cause !== undefined) return debugDetails(e.cause);
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try {
    return `抛出的值：${JSON.stringify(e)}`;
  } catch {
    return `抛出的值：${String(e)}`;
  }
}
