import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_PROFILE, scoreDepartment } from '../../src/engine';
import { EXPECTED, SEED } from '../support/seed';

describe('the 2018 Nanchang report (acceptance case) through the engine', () => {
  const out = scoreDepartment({ values: SEED });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  const r = out.result;

  test.each(Object.entries(EXPECTED.scores))('%s scores %s as in the report', (id, score) => {
    expect(r.indicators.find((i) => i.id === id)?.score).toBe(score);
  });

  test('total 88.65, grade 良, 18 indicators in profile order; the default profile has no cap, so no cap key', () => {
    expect(r.total).toBe(88.65);
    expect(r.grade).toBe('良');
    expect('cap' in r).toBe(false);
    expect(r.indicators.map((i) => i.id)).toEqual(Object.keys(EXPECTED.scores));
  });

  test('exactly the four flags of the report, with their severities and figures', () => {
    expect(r.flags.map((f) => [f.code, f.severity])).toEqual([
      ['EXECUTION_LOW', '高'],
      ['PROJECT_EXECUTION_LOW', '高'],
      ['PAYMENT_BEHIND', '中'],
      ['GOALS_NOT_QUANTIFIED', '中'],
    ]);
    expect(r.flags[0].message).toContain('47.93%');
    expect(r.flags[0].evidence).toBe(
      '决算支出合计100.36万元÷调整后预算合计209.38万元=47.93%；其中基本支出预算完成率100.00%，项目支出预算完成率19.54%',
    );
    expect(r.flags[1].message).toContain('19.54%');
    for (const f of r.flags) expect(f.suggestion.length).toBeGreaterThan(20);
  });

  test('key figures: execution 47.93%, adjustment 0, 11 vacancies', () => {
    expect(r.metrics.budget_execution_rate).toBeCloseTo(EXPECTED.metrics.budget_execution_rate, 4);
    expect(r.metrics.budget_execution_rate).toBe(100.36 / 209.38);
    expect(r.metrics.budget_adjustment_rate).toBe(0);
    expect(r.metrics.staff_vacancy).toBe(11);
  });

  test('each reason names the rate, the bound and the arithmetic', () => {
    const byId = Object.fromEntries(r.indicators.map((i) => [i.id, i]));
    expect(byId.project_execution.reason).toBe('完成率19.54%，低于95%，得分=8×19.54%÷95%=1.65');
    expect(byId.project_execution.value).toBeCloseTo(0.19542435, 8);
    expect(byId.payment_progress.reason).toBe(
      '支付进度率47.93%，低于95%，差47.07个百分点，每满10个百分点扣1分，扣4分，得分=6−4=2',
    );
    expect(byId.performance_management.reason).toBe('“绩效目标细化量化、可衡量”为否，扣1分；得分=10−1=9');
    expect(byId.sangong_change.value).toBeNull();
    expect(byId.sangong_change.reason).toContain('不涉及');
    expect(byId.project_execution.process).toBe('决算支出·项目支出26.48万元÷调整后预算·项目支出135.50万元=19.54%');
  });

  test('with report.md’s four cap rows: 47.93% is under 50%, so the total is capped at 59, grade 差', () => {
    const executionCap = [{ below: 0.5, max: 59 }, { below: 0.6, max: 69 }, { below: 0.7, max: 79 }, { below: 0.8, max: 89 }];
    const capped = scoreDepartment({ values: SEED }, { ...DEFAULT_PROFILE, executionCap });
    expect(capped.ok && [capped.result.total, capped.result.grade, capped.result.cap]).toEqual([59, '差', { rate: 100.36 / 209.38, max: 59, uncapped_total: 88.65 }]);
  });

  test('the fixtures are the shared samples, unchanged', () => {
    const shared = path.resolve(__dirname, '../../../shared/samples');
    if (!fs.existsSync(shared)) return;
    for (const f of ['nanchang-2018.json', 'nanchang-2018.expected.json']) {
      expect(fs.readFileSync(path.join(__dirname, '../fixtures', f), 'utf8')).toBe(fs.readFileSync(path.join(shared, f), 'utf8'));
    }
  });
});
