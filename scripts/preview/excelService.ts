/** Stands in for src/excel/service.ts in preview builds: the preview never talks to Excel. */
import { createFakeService } from '../../tests/taskpane/fakeService';

export function createExcelService() {
  return createFakeService();
}
