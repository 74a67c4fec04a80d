import { MAC_CANNOT_SAVE, exportReport, hostSavesFiles } from '../../src/taskpane/report';
import type { ReportFile } from '../../src/taskpane/service';
import { createFakeService } from './fakeService';

test.each([
  ['PC', true],
  ['OfficeOnline', true],
  ['Mac', false],
  [null, true],
])('on %p the task pane saves files: %p', (platform, saves) => {
  expect(hostSavesFiles(platform)).toBe(saves);
});

test('Windows and the web: the .docx is built and handed to the download, named for the department', async () => {
  const service = createFakeService();
  const saved: string[] = [];
  const outcome = await exportReport(service, 'PC', (blob, fileName) => saved.push(`${fileName} ${blob.size}`));
  expect(saved).toEqual(['南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告.docx 2']);
  expect(outcome).toEqual({ kind: 'done', message: '已导出报告“南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告.docx”。请在下载提示中打开或保存。' });
});

test('Mac: nothing is built; the pane points to 报告草稿 and the command line', async () => {
  const service = createFakeService();
  const outcome = await exportReport(service, 'Mac', () => {
    throw new Error('no download on Mac');
  });
  expect(outcome).toEqual({ kind: 'notice', message: MAC_CANNOT_SAVE });
  expect(MAC_CANNOT_SAVE).toContain('“报告草稿”工作表');
  expect(MAC_CANNOT_SAVE).toContain('jxpj report');
  expect(service.calls).toEqual([]);
});

test('invalid inputs or a failure come back as the pane shows them, nothing saved', async () => {
  const errors = [{ field: 'dept_name', cell: '基础数据表!C4', message: '必填' }];
  const reports: ReportFile[] = [{ kind: 'invalid', errors, warnings: [] }, { kind: 'failed', message: '导出报告时出错。' }];
  for (const report of reports) {
    const outcome = await exportReport(createFakeService({ report }), 'PC', () => {
      throw new Error('must not save');
    });
    expect(outcome).toEqual(report);
  }
});
