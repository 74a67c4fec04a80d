import { Decimal } from '../../src/engine/decimal';
import type { FieldKind } from '../../src/engine/fields';
import { parseValue, quoteInput, rawInputsFromJson } from '../../src/engine/parse';
import type { RawValue } from '../../src/engine/types';

const ok = (kind: FieldKind, raw: RawValue) => {
  const out = parseValue(kind, raw);
  if (!out.ok) throw new Error(out.message);
  return out.value instanceof Decimal ? out.value.toString() : out.value;
};
const bad = (kind: FieldKind, raw: RawValue) => {
  const out = parseValue(kind, raw);
  if (out.ok) throw new Error(`accepted ${String(raw)}`);
  return out.message;
};
/** A value no adapter should hand over, as a caller that forgot the JSON boundary would. */
const stray = (v: unknown) => v as RawValue;

const UNCALCULATED_TAIL =
  '，但文件里没有它的计算结果（保存文件的程序没有计算公式）。请在 Excel 或 WPS 中打开此文件，确认公式算出结果后保存，再重新评分；或直接填写数值。';

describe('value normalisation', () => {
  test.each<[FieldKind, RawValue, unknown]>([
    ['amount', 135.5, '135.5'],
    ['amount', '1,234.5', '1234.5'],
    ['amount', ' 73.88 ', '73.88'],
    ['amount', '１２３．４５', '123.45'],
    ['amount', '12.3万元', '12.3'],
    ['amount', '12.3万', '12.3'],
    ['amount', 0.1 + 0.2, '0.3'],
    ['amount', 0, '0'],
    ['percent', 0.4793, '0.4793'],
    ['percent', '47.93%', '0.4793'],
    ['percent', '４７．９３％', '0.4793'],
    ['percent', '100%', '1'],
    ['count', 22, 22],
    ['count', '22', 22],
    ['count', 11.0, 11],
    ['year', 2018, 2018],
    ['text', '  南昌市总工会职工服务中心 ', '南昌市总工会职工服务中心'],
    ['yesno', '是', true],
    ['yesno', '否', false],
    ['yesno', 'Y', true],
    ['yesno', 'n', false],
    ['yesno', 'TRUE', true],
    ['yesno', false, false],
    ['yesno', 1, true],
    ['yesno', '0', false],
    ['yesno', '√', true],
    ['yesno', '×', false],
    ['amount', null, null],
    ['amount', '   ', null],
  ])('%s %p → %p', (kind, raw, expected) => {
    expect(ok(kind, raw)).toEqual(expected);
  });

  test.each<[FieldKind, RawValue, string]>([
    ['amount', '约30', '应为数值，实为文字“约30”'],
    ['amount', 'N/A', '应为数值，实为文字“N/A”'],
    ['amount', '—', '应为数值，实为文字“—”'],
    ['amount', { error: '#DIV/0!' }, '单元格为错误值 #DIV/0!，请修正公式或改填数值'],
    ['amount', '#N/A', '单元格为错误值 #N/A，请修正公式或改填数值'],
    ['amount', { error: '#VALUE!' }, '单元格为错误值 #VALUE!，请修正公式或改填数值'],
    ['amount', -5, '不能为负数（-5）'],
    ['amount', '-1,234.5', '不能为负数（-1234.5）'],
    ['amount', '47.93%', '应为数值，不应带百分号（“47.93%”）'],
    ['percent', 95, '应在0%–100%之间，实为 9500%（如为95%，请填写“95%”）'],
    ['percent', '120%', '应在0%–100%之间，实为 120%'],
    ['count', 11.5, '应为整数，实为 11.5'],
    ['year', 1999, '应为2000–2100之间的年份，实为 1999'],
    ['year', 2018.5, '应为2000–2100之间的年份，实为 2018.5'],
    ['yesno', '可能', '应填“是”或“否”，实为“可能”'],
    ['amount', true, '应为数值，实为逻辑值 TRUE'],
    ['amount', '1,23.4', '应为数值，实为文字“1,23.4”'],
    ['count', '11万', '应为数值，实为文字“11万”'],
    ['percent', '0.95万', '应为数值，实为文字“0.95万”'],
    ['amount', new Date(0), '应为数值，却是日期；请检查单元格格式'],
    ['yesno', new Date(0), '应为“是”或“否”，却是日期；请检查单元格格式'],
  ])('%s %p is rejected: %s', (kind, raw, message) => {
    expect(bad(kind, raw)).toBe(message);
  });
});

describe('bounds: no value that validates can overflow a sum or a ratio', () => {
  test.each<[FieldKind, RawValue, unknown]>([
    ['amount', 1e12, '1000000000000'],
    ['amount', '1,000,000,000,000', '1000000000000'],
    ['amount', 0.000001, '0.000001'],
    ['count', 1e9, 1000000000],
    ['percent', '0.0001%', '0.000001'],
    ['ratio', '10000%', '100'],
    ['ratio', '105%', '1.05'],
    // Text numerals keep the 15 significant digits Excel keeps, as numbers from cells do.
    ['amount', '123.456789012345678', '123.456789012346'],
  ])('%s %p is accepted as %p', (kind, raw, expected) => {
    expect(ok(kind, raw)).toEqual(expected);
  });

  test.each<[FieldKind, RawValue, string]>([
    ['amount', 1e308, '1e+308万元超出上限1万亿万元，请核对单位（金额以万元为单位）'],
    ['amount', 1000000000000.01, '1000000000000.01万元超出上限1万亿万元，请核对单位（金额以万元为单位）'],
    ['amount', '9'.repeat(400), '1e+400万元超出上限1万亿万元，请核对单位（金额以万元为单位）'],
    ['amount', 1e-7, '1e-7万元不足0.01元，请核对单位（金额以万元为单位）；没有则填0'],
    ['amount', `0.${'0'.repeat(1000)}1`, '1e-1001万元不足0.01元，请核对单位（金额以万元为单位）；没有则填0'],
    ['amount', Infinity, '数值过大，超出可计算的范围'],
    ['amount', -Infinity, '数值过大，超出可计算的范围'],
    ['amount', NaN, '不是有效数值'],
    ['count', 1e10, '10000000000超出上限10亿，请核对'],
    ['count', '1'.repeat(30), '1.11111111111111e+29超出上限10亿，请核对'],
    ['percent', 1e-7, '0.00001%小于0.0001%，请核对；没有则填0'],
    ['percent', 1e300, '应在0%–100%之间，实为 1e+302%（如为1e+300%，请填写“1e+300%”）'],
    ['ratio', 101, '10100%超出上限10000%，请核对'],
    ['year', 1e300, '应为2000–2100之间的年份，实为 1e+300'],
    ['text', Infinity, '数值过大，超出可计算的范围'],
    ['yesno', NaN, '不是有效数值'],
  ])('%s %p is rejected: %s', (kind, raw, message) => {
    expect(bad(kind, raw)).toBe(message);
  });
});

describe('text fields', () => {
  test.each<[RawValue, unknown]>([
    [123, '123'],
    [0.1 + 0.2, '0.3'],
    [new Date(Date.UTC(2019, 2, 1)), '2019年3月1日'],
    ['x'.repeat(32767), 'x'.repeat(32767)],
    // Control characters stay in the data; only messages escape them.
    ['南昌\x1b中心', '南昌\x1b中心'],
  ])('%p → %p', (raw, expected) => {
    expect(ok('text', raw)).toEqual(expected);
  });

  test.each<[RawValue, string]>([
    ['x'.repeat(32768), '文字过长（32768个字符），超过了 Excel 单元格的上限32767个字符，请精简'],
    [` ${'南'.repeat(32767)}`, '文字过长（32768个字符），超过了 Excel 单元格的上限32767个字符，请精简'],
    [true, '应为文字，实为逻辑值 TRUE'],
    [new Date(NaN), '不是有效日期'],
    ['#REF!', '单元格为错误值 #REF!，请修正公式或改填数值'],
  ])('%p is rejected: %s', (raw, message) => {
    expect(bad('text', raw)).toBe(message);
  });
});

describe('a formula without a computed value is never “未填写”', () => {
  const kinds: FieldKind[] = ['text', 'year', 'count', 'amount', 'percent', 'ratio', 'yesno'];
  test.each(kinds)('%s', (kind) => {
    expect(bad(kind, { formula: 'SUM(C5:C6)' })).toBe(`单元格中是公式“=SUM(C5:C6)”${UNCALCULATED_TAIL}`);
  });
  test.each<[string, string]>([
    ['=B18*2', '“=B18*2”'],
    [`=${'A1+'.repeat(40)}A1`, `“=${'A1+'.repeat(19)}A1…”`],
    ['="a"&CHAR(27)', '“="a"&CHAR(27)”'],
    ['=T("\x1b")', '“=T("\\x1b")”'],
  ])('%p is quoted as %s', (formula, quoted) => {
    expect(bad('amount', { formula })).toBe(`单元格中是公式${quoted}${UNCALCULATED_TAIL}`);
  });
});

describe('anything that is not one scalar is rejected, whatever the caller passed', () => {
  test.each<[FieldKind, RawValue, string]>([
    ['text', { nonScalar: 'object' }, '应为文字，实为 JSON 对象（花括号 {…}）；每个字段只能填一个值'],
    ['amount', { nonScalar: 'array' }, '应为数值，实为 JSON 数组（方括号 […]）；每个字段只能填一个值'],
    ['yesno', { nonScalar: 'object' }, '应为“是”或“否”，实为 JSON 对象（花括号 {…}）；每个字段只能填一个值'],
    ['amount', stray([1, 2]), '应为数值，实为无法识别的内容（不是单个值）'],
    ['text', stray({ richText: [{ text: 'a' }] }), '应为文字，实为无法识别的内容（不是单个值）'],
    ['text', stray({ hyperlink: 'http://x', text: 'x' }), '应为文字，实为无法识别的内容（不是单个值）'],
    ['amount', stray({ error: 5 }), '应为数值，实为无法识别的内容（不是单个值）'],
    ['amount', stray(BigInt(5)), '应为数值，实为无法识别的内容（不是单个值）'],
    ['text', stray(() => 1), '应为文字，实为无法识别的内容（不是单个值）'],
    ['text', stray(Symbol('x')), '应为文字，实为无法识别的内容（不是单个值）'],
    ['amount', stray({ error: 'oops\x1b' }), '单元格为错误值“oops\\x1b”，请修正公式或改填数值'],
  ])('%s %p: %s', (kind, raw, message) => {
    expect(bad(kind, raw)).toBe(message);
  });
});

describe('messages quote user text through quoteInput', () => {
  test.each<[string, string]>([
    ['abc', '“abc”'],
    ['\x1b[31m红\x1b[0m', '“\\x1b[31m红\\x1b[0m”'],
    ['a\tb\nc\rd', '“a\\tb\\nc\\rd”'],
    ['\x07\x00\x7f\x85', '“\\x07\\x00\\x7f\\x85”'],
    ['a\u202eb', '“a\\u202eb”'],
    ['\u200b\u2028\ufeff', '“\\u200b\\u2028\\ufeff”'],
    ['\ud800x', '“\\ud800x”'],
    ['😀', '“😀”'],
    ['x'.repeat(60), `“${'x'.repeat(60)}”`],
    ['x'.repeat(61), `“${'x'.repeat(60)}…”`],
    ['南'.repeat(40000), `“${'南'.repeat(60)}…”`],
    ['\x1b'.repeat(30), `“${'\\x1b'.repeat(15)}…”`],
  ])('%p → %s', (input, quoted) => {
    expect(quoteInput(input)).toBe(quoted);
  });

  test.each<[FieldKind, RawValue, string]>([
    ['amount', '约\x1b30', '应为数值，实为文字“约\\x1b30”'],
    ['amount', '4\x00', '应为数值，实为文字“4\\x00”'],
    ['yesno', '是\x07', '应填“是”或“否”，实为“是\\x07”'],
    ['amount', '12%\x1b', '应为数值，实为文字“12%\\x1b”'],
    ['amount', 'a'.repeat(100), `应为数值，实为文字“${'a'.repeat(60)}…”`],
  ])('%s %p: %s', (kind, raw, message) => {
    expect(bad(kind, raw)).toBe(message);
  });
});

describe('rawInputsFromJson: the boundary for JSON values', () => {
  test('scalars pass through; objects and arrays are marked, never read as error values', () => {
    const raw = rawInputsFromJson({
      a: 1,
      b: '是',
      c: true,
      d: null,
      e: { error: '#N/A' },
      f: { formula: '=1' },
      g: [1],
      h: Infinity,
    });
    expect(raw).toEqual({
      values: {
        a: 1,
        b: '是',
        c: true,
        d: null,
        e: { nonScalar: 'object' },
        f: { nonScalar: 'object' },
        g: { nonScalar: 'array' },
        h: Infinity,
      },
    });
    expect(raw.cells).toBeUndefined();
  });

  test('a "__proto__" key stays an ordinary own key', () => {
    const raw = rawInputsFromJson(JSON.parse('{"__proto__": {"x": 1}}'));
    expect(Object.keys(raw.values)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(raw.values)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(raw.values, '__proto__')?.value).toEqual({ nonScalar: 'object' });
  });
});
