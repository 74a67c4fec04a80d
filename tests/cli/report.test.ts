/**
 * `report <input> --out 报告.docx`: validates and scores, then writes the self-evaluation report
 * draft as Word (shared/spec/report.md). Exit codes as `score`; like `template`, an existing file is
 * replaced only with --force, and no input or --profile is ever written over.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cli, sha256, snapshot, tempDir, writeJson } from '../support/cli';
import { SEED, seedWith } from '../support/seed';
import { documentText, documentXml } from './reportFiles';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE = path.join(ROOT, 'assets/samples/nanchang-2018.xlsx');
const HINT = '运行 jxpj --help 查看用法。';

/** A folder with the seed as JSON, and where the report goes. */
function folder(): { dir: string; input: string; out: string } {
  const dir = tempDir();
  return { dir, input: writeJson(dir, '南昌.json', SEED), out: path.join(dir, '报告.docx') };
}

describe('report writes the draft as Word', () => {
  test.each([
    ['JSON', () => folder().input],
    ['the demo workbook', () => SAMPLE],
  ])('from %s: a .docx whose text carries the unit, the scores and every budget figure', async (_n, inputOf) => {
    const input = inputOf();
    const out = path.join(tempDir(), '报告.docx');
    const { code, out: stdout, err } = await cli('report', input, '--out', out);
    expect([code, err]).toEqual([0, '']);
    expect(stdout).toBe(
      `已写出报告草稿：${out}（南昌市总工会职工服务中心2018年度，综合得分88.65分，评价等级“良”）\n` +
        '报告中有 6 处黄色标出的【请填写】内容，请补充后再定稿。\n',
    );
    const xml = await documentXml(out);
    for (const text of ['南昌市总工会职工服务中心', '88.65', '良', '47.93%', '209.38', '100.36', '73.88', '26.48', '135.50', '216.81', '100.00%']) {
      expect([text, xml.includes(text)]).toEqual([text, true]);
    }
    const text = documentText(xml);
    expect(text).toContain('南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告');
    expect(text).toContain(
      '2018年度调整后预算合计209.38万元，其中基本支出73.88万元、项目支出135.50万元；决算支出合计100.36万元，预算完成率47.93%，低于90%，预算执行情况有待改进。上年调整后预算216.81万元、决算支出216.81万元，完成率100.00%，本年下降52.07个百分点。',
    );
    expect(text).toContain('【请填写：评价依据文件】');
    // Nothing but the report: no temporary file left beside it.
    expect(fs.readdirSync(path.dirname(out))).toEqual(['报告.docx']);
  });

  test('with a capped --profile the report gives the capped total and the one before it', async () => {
    const f = folder();
    const profile = writeJson(f.dir, 'p.json', { executionCap: [{ below: 0.5, max: 59 }] });
    const { code, out } = await cli('report', f.input, '--profile', profile, '--out', f.out);
    expect(code).toBe(0);
    expect(out).toContain('综合得分59.00分（封顶前 88.65；预算完成率47.93%低于50%，总分最高59分），评价等级“差”');
    const text = documentText(await documentXml(f.out));
    expect(text).toContain('本年各项指标得分合计88.65分，封顶后综合得分为59.00分，评价等级为“差”。');
  });

  test('the optional narrative of section 七 replaces its placeholders', async () => {
    const f = folder();
    const input = writeJson(f.dir, '有说明.json', seedWith({ basis_documents: '《南昌市市级部门整体支出绩效评价管理办法》', other_notes: '无' }));
    const { code, out } = await cli('report', input, '--out', f.out);
    expect(code).toBe(0);
    expect(out).toContain('报告中有 4 处黄色标出的【请填写】内容');
    const text = documentText(await documentXml(f.out));
    expect(text).toContain('《南昌市市级部门整体支出绩效评价管理办法》');
    expect(text).not.toContain('【请填写：评价依据文件】');
  });
});

describe('an existing file is replaced only with --force', () => {
  test('without --force: exit 2, the file byte for byte as it was; with --force: the report', async () => {
    const f = folder();
    fs.writeFileSync(f.out, '我自己改过的报告');
    const before = sha256(f.out);
    const refused = await cli('report', f.input, '--out', f.out);
    expect([refused.code, refused.out]).toEqual([2, '']);
    expect(refused.err).toBe(`错误：“${f.out}”已存在，未写入。如确实要替换它，请加 --force。\n`);
    expect(sha256(f.out)).toBe(before);

    const forced = await cli('report', f.input, '--out', f.out, '--force');
    expect(forced.code).toBe(0);
    expect(documentText(await documentXml(f.out))).toContain('南昌市总工会职工服务中心');
  });

  test('a second run refuses its own earlier report', async () => {
    const f = folder();
    expect((await cli('report', f.input, '--out', f.out)).code).toBe(0);
    const before = snapshot(f.dir);
    expect((await cli('report', f.input, '--out', f.out)).code).toBe(2);
    expect(snapshot(f.dir)).toEqual(before);
  });
});

describe('never over what it reads, even with --force', () => {
  const SAME_FILE = '是同一个文件，不会写入：原文件保持不变。请为结果另取一个文件名。';

  test.each([[[]], [['--force']]])('--out the input %j: exit 2, nothing written', async (extra) => {
    const f = folder();
    const before = snapshot(f.dir);
    const { code, err } = await cli('report', f.input, '--out', f.input, ...extra);
    expect(code).toBe(2);
    expect(err).toBe(`错误：--out “${f.input}”与要读取的输入文件“${f.input}”${SAME_FILE}\n`);
    expect(snapshot(f.dir)).toEqual(before);
  });

  test('--out the --profile (through a symlink, with --force): exit 2, nothing written', async () => {
    const f = folder();
    const profile = writeJson(f.dir, 'p.docx', {});
    fs.symlinkSync(profile, path.join(f.dir, '链接.docx'));
    const before = snapshot(f.dir);
    const { code, err } = await cli('report', f.input, '--profile', profile, '--out', path.join(f.dir, '链接.docx'), '--force');
    expect(code).toBe(2);
    expect(err).toContain(`与指标体系文件（--profile）“${profile}”${SAME_FILE}`);
    expect(snapshot(f.dir)).toEqual(before);
  });
});

describe('invalid input: exit 1, every error printed, no file', () => {
  test('errors of a JSON input, by field', async () => {
    const f = folder();
    const bad = writeJson(f.dir, 'bad.json', seedWith({ actual_project: '约30', satisfaction_pct: 95 }));
    const { code, out, err } = await cli('report', bad, '--out', f.out);
    expect([code, out]).toEqual([1, '']);
    expect(err).toMatch(/^输入校验未通过，共 2 处错误，未写入任何文件：\n {2}1\. actual_project：决算支出·项目支出：应为数值，实为文字“约30”\n {2}2\. satisfaction_pct：/);
    expect(fs.existsSync(f.out)).toBe(false);
  });

  test('a batch summary is not a department', async () => {
    const f = folder();
    const summary = path.join(f.dir, '汇总.xlsx');
    expect((await cli('batch', f.input, '--out', summary)).code).toBe(0);
    const { code, err } = await cli('report', summary, '--out', f.out);
    expect(code).toBe(1);
    expect(err).toContain('这是 batch 写出的汇总工作簿，不是部门的基础数据。');
    expect(fs.existsSync(f.out)).toBe(false);
  });
});

describe('usage: exit 2, nothing written', () => {
  test('--out is required', async () => {
    const f = folder();
    const { code, err } = await cli('report', f.input);
    expect(code).toBe(2);
    expect(err).toBe(`错误：report 需要 --out 报告.docx\n${HINT}\n`);
  });

  test('--out must end in .docx; the .docx name is suggested', async () => {
    const f = folder();
    const out = path.join(f.dir, '报告.xlsx');
    const before = snapshot(f.dir);
    const { code, err } = await cli('report', f.input, '--out', out);
    expect(code).toBe(2);
    expect(err).toBe(`错误：--out “${out}”的扩展名应为 .docx：报告草稿是 Word 文档。请改为 “${path.join(f.dir, '报告.docx')}”。未写入任何文件。\n`);
    expect(snapshot(f.dir)).toEqual(before);
  });

  test('an input that is not .xlsx, .xlsm or .json', async () => {
    const { code, err } = await cli('report', 'x.csv', '--out', 'r.docx');
    expect(code).toBe(2);
    expect(err).toContain('错误：不支持的文件类型“.csv”');
  });
});
