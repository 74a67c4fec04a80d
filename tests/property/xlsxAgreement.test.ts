/**
 * The JSON path and the .xlsx path score a department alike. JSON: the values as a JSON file holds
 * them (parsed, through rawInputsFromJson) into scoreDepartment. .xlsx: the template filled with the
 * same values (`dataSheetPlan(values)` beside `profileSheetPlan(profile)`), written as a package,
 * opened with `openWorkbook` and scored with `scoreWorkbookSources`, which reads the profile back
 * from 指标体系. The two EvaluationResults must be equal but for one thing the workbook adds: each
 * warning names its cell (基础数据表!C…) where JSON has null.
 */
import fc from 'fast-check';
import { scoreDepartment, type EvaluationResult } from '../../src/engine';
import { rawInputsFromJson } from '../../src/engine/parse';
import { DEFAULT_PROFILE, type Profile } from '../../src/engine/profile';
import { profileSheetPlan } from '../../src/layout/profileSheet';
import { dataCellOf, dataSheetPlan } from '../../src/layout/template';
import { scoreWorkbookSources } from '../../src/layout/workflow';
import { newWorkbookBytes, openWorkbook } from '../../src/xlsx';
import { department, profile as editedProfile, type DepartmentValues } from '../support/arbitraries';
import { SEED, XLSX_RUNS } from './settings';

function viaJson(values: DepartmentValues, profile: Profile): EvaluationResult {
  const out = scoreDepartment(rawInputsFromJson(JSON.parse(JSON.stringify(values)) as Record<string, unknown>), profile);
  if (!out.ok) throw new Error(`JSON path refused a valid department: ${JSON.stringify(out.errors)}`);
  return out.result;
}

async function viaXlsx(values: DepartmentValues, profile: Profile): Promise<{ result: EvaluationResult; profile: Profile }> {
  const bytes = newWorkbookBytes([dataSheetPlan(values), profileSheetPlan(profile)]);
  const out = scoreWorkbookSources((await openWorkbook(bytes)).sources);
  if (!out.ok) throw new Error(`.xlsx path refused a valid department: ${JSON.stringify(out.errors)}`);
  return { result: out.result, profile: out.profile };
}

/** The JSON result as the workbook should give it: the same warnings, each with its cell. */
const withCells = (r: EvaluationResult): EvaluationResult => ({
  ...r,
  warnings: r.warnings.map((w) => ({ ...w, cell: dataCellOf(w.field) })),
});

describe('JSON and .xlsx agree', () => {
  test('under the default profile: the whole result, warnings placed at their cells', async () => {
    let warned = 0;
    await fc.assert(
      fc.asyncProperty(department(), async (values) => {
        const xlsx = await viaXlsx(values, DEFAULT_PROFILE);
        expect(xlsx.result).toEqual(withCells(viaJson(values, DEFAULT_PROFILE)));
        if (xlsx.result.warnings.length > 0) warned++;
      }),
      { numRuns: XLSX_RUNS, seed: SEED },
    );
    // The one difference must be exercised: enough cases carry warnings (over budget, 不计入调整 with no increase…).
    expect(warned).toBeGreaterThan(XLSX_RUNS / 10);
  });

  test('under an edited 指标体系: it reads back as written, and the results agree (weights off 100 add one profile warning)', async () => {
    await fc.assert(
      fc.asyncProperty(department(), editedProfile(), async (values, profile) => {
        const xlsx = await viaXlsx(values, profile);
        expect(xlsx.profile).toEqual(profile);
        const json = withCells(viaJson(values, profile));
        const profileWarnings = xlsx.result.warnings.filter((w) => w.field.startsWith('profile.'));
        expect(profileWarnings.map((w) => w.field)).toEqual(weightsSumTo100(profile) ? [] : ['profile.weights']);
        expect({ ...xlsx.result, warnings: xlsx.result.warnings.filter((w) => !profileWarnings.includes(w)) }).toEqual(json);
      }),
      { numRuns: XLSX_RUNS / 2, seed: SEED },
    );
  });
});

function weightsSumTo100(p: Profile): boolean {
  return p.indicators.reduce((a, d) => a + Math.round(d.weight * 100), 0) === 10_000;
}
