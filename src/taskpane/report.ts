/**
 * 导出报告: the report draft as a Word file, saved where the host lets a task pane save one.
 * Windows (WebView2) and Excel on the web download a Blob through <a download>; Mac's task pane
 * does not download blobs (office-js issues #2700, #4681), so there the pane points to the
 * 报告草稿 sheet and the command line instead.
 */
import type { PaneOutcome } from './actions';
import type { WorkbookService } from './service';

export const MAC_CANNOT_SAVE =
  'Mac 版 Excel 的任务窗格不能保存文件。计算评分时已把报告草稿写入“报告草稿”工作表，可复制到 Word 中修改；' +
  '也可在命令行运行 jxpj report 填好的模板.xlsx 生成 Word 文档。';

/** Whether the task pane of this platform can save a downloaded file. */
export function hostSavesFiles(platform: string | null): boolean {
  return platform !== 'Mac';
}

/** Hands `blob` to the host's download (a save prompt or the downloads folder). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once can cancel the download in some web views.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Builds the report (through the service) and saves it; what happened, as the pane shows it. */
export async function exportReport(
  service: WorkbookService,
  platform: string | null,
  save: (blob: Blob, fileName: string) => void = saveFile,
): Promise<PaneOutcome> {
  if (!hostSavesFiles(platform)) return { kind: 'notice', message: MAC_CANNOT_SAVE };
  const report = await service.reportFile();
  if (report.kind !== 'file') return report;
  save(report.blob, report.fileName);
  return { kind: 'done', message: `已导出报告“${report.fileName}”。请在下载提示中打开或保存。` };
}
