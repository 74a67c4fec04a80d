/**
 * The command line's words: parsed by Node's own `util.parseArgs` (strict), with every mistake —
 * an unknown option, a missing value, an option the command does not take — a Chinese usage error.
 */
import { parseArgs } from 'util';
import { UsageError } from './errors';

export const USAGE = `绩效自评助手 命令行（jxpj）

用法：
  jxpj score <输入.xlsx|输入.xlsm|输入.json> [--out 评分结果.xlsx] [--json] [--profile 指标体系.json]
      校验并评分一个部门，打印评分表；--out 写出加上“评分表”“问题清单”“报告草稿”
      工作表的工作簿副本（.xlsm 输入的副本也是 .xlsm）；--json 只输出 JSON（含报告草稿）。
  jxpj report <输入.xlsx|输入.xlsm|输入.json> --out 报告.docx [--profile 指标体系.json] [--force]
      校验并评分一个部门，写出部门整体支出绩效自评报告草稿（Word 文档 .docx），
      黄色标出的是待填写内容；已有同名文件时须加 --force 才替换。
  jxpj template [--out 模板.xlsx] [--force]
      写出空白标准模板（基础数据表、指标体系）；已有同名文件时须加 --force 才替换。
  jxpj batch <文件或文件夹>… --out 汇总.xlsx [--json] [--profile 指标体系.json]
      逐个评分（文件夹中查找 .xlsx、.xlsm 和 .json），按总分排名写出汇总工作簿；
      未通过校验或无法读取的文件单列，其余照常评分。

选项：
  --out <文件>      输出文件（也可写作 --out=文件）
  --json            只输出机器可读的 JSON
  --profile <文件>  用 JSON 指标体系文件代替工作簿中的“指标体系”
  --force           允许替换已存在的输出文件（从不替换要读取的文件）
  --debug           出错时显示调试信息
  -h, --help        显示本说明

退出码：0 成功；1 输入校验未通过（不写任何文件）；2 用法或读写错误（不写任何文件）。`;

const OPTIONS = {
  out: { type: 'string' },
  json: { type: 'boolean' },
  profile: { type: 'string' },
  force: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Which options each command takes (`--debug` and `--help` go everywhere). */
const COMMAND_OPTIONS: Record<string, OptionName[]> = {
  score: ['out', 'json', 'profile', 'force'],
  template: ['out', 'force'],
  report: ['out', 'profile', 'force'],
  batch: ['out', 'json', 'profile', 'force'],
};

export const COMMANDS = Object.keys(COMMAND_OPTIONS);

export interface Args {
  command: string;
  files: string[];
  out?: string;
  json: boolean;
  profile?: string;
  force: boolean;
  debug: boolean;
  help: boolean;
}

/** The first mistake in argv, found from parseArgs' tokens rather than its English message. */
function mistake(argv: string[]): string {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const known = (OPTIONS as Record<string, { type: string }>)[t.name];
    if (!known) return `未知选项 ${t.rawName}`;
    if (known.type === 'string' && (t.value === undefined || t.value.startsWith('-'))) return `${t.rawName} 后面需要文件路径`;
    if (known.type === 'boolean' && t.value !== undefined) return `${t.rawName} 不带值（写作 ${t.rawName} 即可）`;
  }
  return '命令行参数有误';
}

export function parseCommandLine(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch {
    throw new UsageError(mistake(argv));
  }
  const { values, positionals } = parsed;
  const [command = '', ...files] = positionals;
  const args: Args = {
    command,
    files,
    out: values.out,
    json: values.json ?? false,
    profile: values.profile,
    force: values.force ?? false,
    debug: values.debug ?? false,
    help: values.help ?? false,
  };
  if (args.help) return args;
  const allowed = COMMAND_OPTIONS[command];
  if (allowed) {
    for (const name of ['out', 'json', 'profile', 'force'] as const) {
      if (values[name] !== undefined && !allowed.includes(name)) throw new UsageError(`${command} 不接受选项 --${name}`);
    }
  }
  for (const name of ['out', 'profile'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') throw new UsageError(`--${name} 后面需要文件路径`);
  }
  if (files.some((f) => f.trim() === '')) throw new UsageError('文件路径不能为空');
  return args;
}
