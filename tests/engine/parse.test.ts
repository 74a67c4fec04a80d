import { Decimal } from '../../src/engine/decimal';
import type { FieldKind } from '../../src/engine/fields';
import { parseValue } from '../../src/engine/parse';
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
    ['amount', { error: '#DIV/0!' }, '单元格为错误值 #DIV/0!'],
    ['amount', '#N/A', '单元格为错误值 #N/A'],
    ['amount', { error: '#VALUE!' }, '#VALUE!'],
    ['amount', -5, '不能为负数（-5）'],
    ['amount', '-1,234.5', '不能为负数'],
    ['amount', '47.93%', '不应带百分号'],
    ['percent', 95, '应在0%–100%之间'],
    ['percent', '120%', '应在0%–100%之间'],
    ['count', 11.5, '应为整数'],
    ['year', 1999, '2000–2100'],
    ['year', 2018.5, '2000–2100'],
    ['yesno', '可能', '应填“是”或“否”，实为“可能”'],
    ['amount', true, '逻辑值'],
    ['amount', '1,23.4', '应为数值'],
    ['count', '11万', '应为数值，实为文字“11万”'],
    ['percent', '0.95万', '应为数值，实为文字“0.95万”'],
  ])('%s %p is rejected: %s', (kind, raw, message) => {
    expect(bad(kind, raw)).toContain(message);
  });
});
