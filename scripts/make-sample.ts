/** Rebuilds assets/samples/nanchang-2018.xlsx (the demo workbook) from the seed JSON beside it. */
import * as path from 'path';
import sample from '../assets/samples/nanchang-2018.json';
import { templateWorkbook } from '../src/cli/run';
import type { PlanValue } from '../src/layout/plan';

const target = path.join(__dirname, '../assets/samples/nanchang-2018.xlsx');
templateWorkbook(sample as Record<string, PlanValue>)
  .xlsx.writeFile(target)
  .then(() => process.stdout.write(`已写出示例工作簿：${target}\n`));
