import * as fs from 'fs';
import * as path from 'path';
import { decodeJsonFile, rawInputsFromJson } from '../../src/cli/jsonInput';
import { scoreDepartment } from '../../src/engine';
import { validateInputs } from '../../src/engine/validate';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** 南昌 as Notepad's ANSI (GBK) writes it. */
const GBK_NANCHANG = Buffer.from([0xc4, 0xcf, 0xb2, 0xfd]);
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

const SAVE_AS_UTF8 = '请用记事本打开此文件，点“文件”→“另存为”，在“编码”中选 UTF-8，保存后再重新评分。';

const valueOf = (bytes: Buffer) => {
  const out = decodeJsonFile(bytes);
  if (!out.ok) throw new Error(out.message);
  return out.value;
};
const messageOf = (bytes: Buffer) => {
  const out = decodeJsonFile(bytes);
  if (out.ok) throw new Error(`accepted ${JSON.stringify(out.value)}`);
  return out.message;
};

describe('decodeJsonFile: encodings', () => {
  test.each<[string, Buffer, unknown]>([
    ['UTF-8', utf8('{"dept_name": "南昌市总工会"}'), { dept_name: '南昌市总工会' }],
    ['UTF-8 with a BOM (Notepad)', Buffer.concat([BOM, utf8('{"dept_name": "南昌市总工会"}')]), { dept_name: '南昌市总工会' }],
    ['UTF-16 LE with a BOM (Notepad “Unicode”)', utf16le('{"dept_name": "南昌市总工会"}'), { dept_name: '南昌市总工会' }],
    ['UTF-16 BE with a BOM', utf16be('{"dept_name": "南昌市总工会"}'), { dept_name: '南昌市总工会' }],
    ['CRLF line ends', utf8('{\r\n  "eval_year": 2018\r\n}\r\n'), { eval_year: 2018 }],
  ])('%s is decoded', (_name, bytes, expected) => {
    expect(valueOf(bytes)).toEqual(expected);
  });

  test.each<[string, Buffer, string]>([
    [
      'GBK bytes inside a JSON string',
      Buffer.concat([utf8('{\n  "eval_year": 2018,\n  "dept_name": "'), GBK_NANCHANG, utf8('市总工会"\n}')]),
      `文件不是 UTF-8 编码（第3行有无法按 UTF-8 读取的字节，可能是以 ANSI/GBK 编码保存的），中文会读成乱码，因此未读取。${SAVE_AS_UTF8}`,
    ],
    [
      'GBK after a UTF-8 BOM',
      Buffer.concat([BOM, utf8('{"dept_name": "'), GBK_NANCHANG, utf8('"}')]),
      `文件不是 UTF-8 编码（第1行有无法按 UTF-8 读取的字节，可能是以 ANSI/GBK 编码保存的），中文会读成乱码，因此未读取。${SAVE_AS_UTF8}`,
    ],
    [
      'an encoded surrogate (not well-formed UTF-8)',
      Buffer.concat([utf8('{"a": "'), Buffer.from([0xed, 0xa0, 0x80]), utf8('"}')]),
      `文件不是 UTF-8 编码（第1行有无法按 UTF-8 读取的字节，可能是以 ANSI/GBK 编码保存的），中文会读成乱码，因此未读取。${SAVE_AS_UTF8}`,
    ],
    [
      'an overlong encoding',
      Buffer.concat([utf8('{"a": "'), Buffer.from([0xc0, 0xaf]), utf8('"}')]),
      `文件不是 UTF-8 编码（第1行有无法按 UTF-8 读取的字节，可能是以 ANSI/GBK 编码保存的），中文会读成乱码，因此未读取。${SAVE_AS_UTF8}`,
    ],
    [
      'a sequence cut off at the end of the file',
      Buffer.concat([utf8('{"a": 1}\n'), Buffer.from([0xe5, 0x8d])]),
      `文件不是 UTF-8 编码（第2行有无法按 UTF-8 读取的字节，可能是以 ANSI/GBK 编码保存的），中文会读成乱码，因此未读取。${SAVE_AS_UTF8}`,
    ],
    [
      'UTF-16 LE without a BOM',
      Buffer.from('{"dept_name": "南昌"}', 'utf16le'),
      `文件第1行有空字节，不是 UTF-8 编码的文本（可能是没有 BOM 标记的 UTF-16 文件，或根本不是 JSON 文件）。${SAVE_AS_UTF8}`,
    ],
    [
      'UTF-16 with a BOM but an odd number of bytes',
      Buffer.concat([utf16le('{"a": 1}'), Buffer.from([0x41])]),
      `文件标明是 UTF-16 编码，但内容不完整或有误，无法读取。${SAVE_AS_UTF8}`,
    ],
    [
      'UTF-16 with a lone surrogate',
      Buffer.concat([utf16le('{"a": "'), Buffer.from([0x00, 0xd8]), Buffer.from('"}', 'utf16le')]),
      `文件标明是 UTF-16 编码，但内容不完整或有误，无法读取。${SAVE_AS_UTF8}`,
    ],
    ['UTF-32 LE', Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), utf8('{}')]), `文件是 UTF-32 编码，无法读取。${SAVE_AS_UTF8}`],
    ['an empty file', Buffer.alloc(0), 'JSON 文件是空的'],
    ['only a BOM and blanks', Buffer.concat([BOM, utf8(' \r\n')]), 'JSON 文件是空的'],
  ])('%s is refused', (_name, bytes, message) => {
    expect(messageOf(bytes)).toBe(message);
  });
});

describe('decodeJsonFile: syntax errors name the line and column, in Chinese', () => {
  test.each<[string, string, string]>([
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 'JSON 格式有误（第3行第3列）：上一项后面缺少英文逗号 ,'],
    ['a trailing comma', '{\n  "a": 1,\n}', 'JSON 格式有误（第2行第9列）：最后一项后面多了逗号，请删除这个逗号'],
    ['a trailing comma in an array', '{"a": [1, 2, ]}', 'JSON 格式有误（第1行第12列）：最后一项后面多了逗号，请删除这个逗号'],
    ['Chinese quotes', '{\n  “dept_name”: "x"\n}', 'JSON 格式有误（第2行第3列）：用了中文引号（“ ” ‘ ’），JSON 须用英文双引号 "'],
    ['a Chinese colon', '{\n  "a"： 1\n}', 'JSON 格式有误（第2行第6列）：用了中文冒号“：”，应为英文冒号 :'],
    ['a Chinese comma', '{"a": 1，"b": 2}', 'JSON 格式有误（第1行第8列）：用了中文逗号“，”，应为英文逗号 ,'],
    ['single quotes', "{'a': 1}", 'JSON 格式有误（第1行第2列）：用了单引号，字段代码和文字须用英文双引号 " 括起'],
    ['a full-width space', '{\u3000"a": 1}', 'JSON 格式有误（第1行第2列）：有全角空格，请删除或改为半角空格'],
    ['a comment', '{\n  "a": 1 // 金额\n}', 'JSON 格式有误（第2行第10列）：JSON 不支持注释（// 或 /* */），请删除注释'],
    [
      'an unquoted key',
      '{dept_name: "x"}',
      'JSON 格式有误（第1行第2列）：此处应为用英文双引号括起的字段代码，实为无法识别的“dept_name”；字段代码和文字须用英文双引号括起',
    ],
    [
      'unquoted text',
      '{"dept_name": 南昌市总工会}',
      'JSON 格式有误（第1行第15列）：此处应为一个值（数值、"文字"、true、false 或 null），实为无法识别的“南昌市总工会”；字段代码和文字须用英文双引号括起',
    ],
    [
      'NaN',
      '{"a": NaN}',
      'JSON 格式有误（第1行第7列）：此处应为一个值（数值、"文字"、true、false 或 null），实为无法识别的“NaN”；字段代码和文字须用英文双引号括起',
    ],
    ['a missing colon', '{"a" 1}', 'JSON 格式有误（第1行第6列）：此处应为字段代码“a”后的英文冒号 :，实为“1”'],
    ['a stray character', '{"a": 1 ; "b": 2}', 'JSON 格式有误（第1行第9列）：此处应为英文逗号 , 或 }，实为“;”'],
    ['the file ends inside the object', '{"a": 1', 'JSON 格式有误（第1行第8列）：文件在此处意外结束，缺少英文逗号 , 或 }'],
    ['the file ends after a colon', '{"a":', 'JSON 格式有误（第1行第6列）：文件在此处意外结束，缺少一个值（数值、"文字"、true、false 或 null）'],
    ['an unterminated string', '{"a": "南昌', 'JSON 格式有误（第1行第7列）：从这里开始的文字缺少结尾的英文双引号 "'],
    [
      'a line break inside a string (a Chinese closing quote)',
      '{"dept_name": "南昌”,\n "eval_year": 2018}',
      'JSON 格式有误（第1行第20列）：文字中间不能直接换行：是否漏了结尾的英文双引号 "，或用了中文引号？（确需换行请写成 \\n）',
    ],
    ['a raw control character in a string', '{"a": "x\x1by"}', 'JSON 格式有误（第1行第9列）：文字中有控制字符“\\x1b”，须写成转义形式（如 \\t）'],
    ['a bad escape (a Windows path)', '{"a": "C:\\docs"}', 'JSON 格式有误（第1行第10列）：无效的转义“\\d”；反斜杠 \\ 本身须写成 \\\\'],
    ['a bad \\u escape', '{"a": "\\u12"}', 'JSON 格式有误（第1行第8列）：无效的转义“\\u”；反斜杠 \\ 本身须写成 \\\\'],
    ['a leading zero', '{"a": 01}', 'JSON 格式有误（第1行第7列）：数值格式不对：“01”（应如 12、0.95、-3.5，不能以0开头或以小数点结尾）'],
    ['a trailing decimal point', '{"a": 1.}', 'JSON 格式有误（第1行第7列）：数值格式不对：“1.”（应如 12、0.95、-3.5，不能以0开头或以小数点结尾）'],
    ['a lone minus', '{"a": -}', 'JSON 格式有误（第1行第7列）：数值格式不对：“-”（应如 12、0.95、-3.5，不能以0开头或以小数点结尾）'],
    ['a duplicate key', '{\n  "a": 1,\n  "a": 2\n}', 'JSON 格式有误（第3行第3列）：字段“a”重复出现，请只保留一个'],
    ['something after the object', '{"a": 1}\n}', 'JSON 格式有误（第2行第1列）：JSON 内容已在前面结束，其后不应再有“}”'],
    ['two objects', '{"a": 1}{"b": 2}', 'JSON 格式有误（第1行第9列）：JSON 内容已在前面结束，其后不应再有“{”'],
    ['deep nesting', `{"a": ${'['.repeat(100)}${']'.repeat(100)}}`, 'JSON 格式有误（第1行第71列）：嵌套超过64层'],
  ])('%s', (_name, text, message) => {
    expect(messageOf(utf8(text))).toBe(message);
  });

  test('the column counts from after a BOM', () => {
    expect(messageOf(Buffer.concat([BOM, utf8('{"a" 1}')]))).toBe('JSON 格式有误（第1行第6列）：此处应为字段代码“a”后的英文冒号 :，实为“1”');
  });

  test('escapes decode as JSON.parse decodes them', () => {
    const text = '{"a": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u5357\\ud83d\\ude00", "b": -0.5e2, "c": [true, false, null], "d": {}}';
    expect(valueOf(utf8(text))).toEqual(JSON.parse(text));
  });
});

describe('decodeJsonFile: the top level must be an object', () => {
  test.each<[string, string]>([
    ['[{"dept_name": "x"}]', '数组 […]'],
    ['"南昌"', '文字'],
    ['42', '数值'],
    ['true', '逻辑值'],
    ['null', ' null'],
  ])('%s', (text, found) => {
    expect(messageOf(utf8(text))).toBe(`JSON 文件的最外层应为花括号 {…} 括起的对象（"字段代码": 值），实为${found}`);
  });

  test('a "__proto__" key is an ordinary key, as JSON.parse makes it', () => {
    const value = valueOf(utf8('{"__proto__": 1}'));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});

describe('decoded values through the boundary: field errors, never “[object Object]”', () => {
  const SEED_TEXT = fs.readFileSync(path.join(__dirname, '../fixtures/nanchang-2018.json'), 'utf8');
  /** The seed file with some fields' JSON text replaced. */
  const seedFile = (replacements: Record<string, string>) => {
    let text = SEED_TEXT;
    for (const [id, json] of Object.entries(replacements)) text = text.replace(new RegExp(`"${id}": [^,\\n]+`), `"${id}": ${json}`);
    return utf8(text);
  };
  const errorsOf = (bytes: Buffer) => {
    const v = validateInputs(rawInputsFromJson(valueOf(bytes)));
    return v.ok ? [] : v.errors;
  };

  test('the seed file, saved by Notepad with a BOM, scores 88.65 良', () => {
    const out = scoreDepartment(rawInputsFromJson(valueOf(Buffer.concat([BOM, utf8(SEED_TEXT)]))));
    expect(out.ok && [out.result.total, out.result.grade]).toEqual([88.65, '良']);
  });

  test('the seed file as UTF-16 LE scores the same', () => {
    const out = scoreDepartment(rawInputsFromJson(valueOf(utf16le(SEED_TEXT))));
    expect(out.ok && [out.result.department, out.result.total]).toEqual(['南昌市总工会职工服务中心', 88.65]);
  });

  test.each<[string, Record<string, string>, { field: string; message: string }[]]>([
    ['1e400', { actual_project: '1e400', actual_total: 'null' }, [{ field: 'actual_project', message: '决算支出·项目支出：数值过大，超出可计算的范围' }]],
    ['-1e400', { actual_basic: '-1e400', actual_total: 'null' }, [{ field: 'actual_basic', message: '决算支出·基本支出：数值过大，超出可计算的范围' }]],
    [
      'a nested object that looks like an Excel error',
      { dept_name: '{"error": "#N/A"}' },
      [{ field: 'dept_name', message: '单位名称：应为文字，实为 JSON 对象（花括号 {…}）；每个字段只能填一个值' }],
    ],
    [
      'a nested object that looks like rich text',
      { dept_name: '{"richText": [{"text": "南昌"}]}' },
      [{ field: 'dept_name', message: '单位名称：应为文字，实为 JSON 对象（花括号 {…}）；每个字段只能填一个值' }],
    ],
    [
      'a nested array',
      { satisfaction_pct: '[0.95]' },
      [{ field: 'satisfaction_pct', message: '满意度调查综合满意率：应为数值，实为 JSON 数组（方括号 […]）；每个字段只能填一个值' }],
    ],
  ])('%s', (_name, replacements, errors) => {
    expect(errorsOf(seedFile(replacements))).toEqual(errors.map((e) => ({ ...e, cell: null })));
  });
});
