/** Rebuilds assets/samples/nanchang-2018.xlsx (the demo workbook) from the seed JSON beside it. */
import { writeFileSync } from 'fs';
import * as path from 'path';
import sample from '../assets/samples/nanchang-2018.json';
import { DEFAULT_PROFILE } from '../src/engine/profile';
import type { PlanValue } from '../src/layout/plan';
import { profileSheetPlan } from '../src/layout/profileSheet';
import { dataSheetPlan } from '../src/layout/template';
import { newWorkbookBytes } from '../src/xlsx';

const target = path.join(__dirname, '../assets/samples/nanchang-2018.xlsx');
writeFileSync(target, newWorkbookBytes([dataSheetPlan(sample as Record<string, PlanValue>), profileSheetPlan(DEFAULT_PROFILE)]));
process.stdout.write(`已写出示例工作簿：${target}\n`);
