/**
 * What a file that is not a readable workbook is, so the message names the cause and the fix:
 * an old .xls, a password, an OpenDocument or Word file, an empty or truncated file.
 */
import { WorkbookFileError } from './errors';
import type { ZipEntry } from './zip';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const SAVE_AS = '请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（*.xlsx）后重试。';

/** Refuses bytes that are not a ZIP package before any parsing. */
export function refuseNonZip(bytes: Buffer): void {
  if (bytes.length === 0) throw new WorkbookFileError('文件是空的（0 字节），可能没有保存完整或复制失败。请重新保存或复制该文件后重试。', 'empty');
  if (bytes.subarray(0, 8).equals(OLE2)) {
    // Excel saves a password-protected .xlsx as an OLE2 file holding the stream "EncryptedPackage".
    if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      throw new WorkbookFileError('文件设置了打开密码（已加密），无法读取。请在 Excel 中打开，“文件→信息→保护工作簿→用密码进行加密”中删除密码并保存后重试。', 'encrypted');
    }
    throw new WorkbookFileError(`这是旧版 Excel 97-2003 工作簿（.xls），本工具只读取 .xlsx。${SAVE_AS}`, 'xls');
  }
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') throw new WorkbookFileError('这是 PDF 文件，不是 Excel 工作簿。请提供填好的基础数据表（.xlsx）。', 'not-xlsx');
  const head = bytes.subarray(0, 512).toString('latin1');
  if (/^\s*<(\?xml|html|!DOCTYPE)/i.test(head)) {
    throw new WorkbookFileError(`这是 XML/网页格式的文件（可能是“XML 电子表格”或网页另存的表格），不是 .xlsx 工作簿。${SAVE_AS}`, 'not-xlsx');
  }
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x08074b50) throw new WorkbookFileError('这是分卷压缩包的一部分，不是 Excel 工作簿。', 'not-xlsx');
  throw new WorkbookFileError(`文件不是 Excel 工作簿（.xlsx），可能是改了扩展名的其他文件或已损坏。${SAVE_AS}`, 'not-xlsx');
}

/** Refuses a ZIP that is some other kind of document. */
export function refuseForeignZip(entries: Map<string, ZipEntry>, hasWorkbook: boolean): void {
  if (hasWorkbook) return;
  if (entries.has('mimetype') || entries.has('content.xml')) {
    throw new WorkbookFileError(`这是 OpenDocument 文件（如 WPS/LibreOffice 的 .ods），不是 Excel 工作簿。${SAVE_AS}`, 'ods');
  }
  if (entries.has('word/document.xml')) throw new WorkbookFileError('这是 Word 文档（.docx），不是 Excel 工作簿。请提供填好的基础数据表（.xlsx）。', 'docx');
  if (entries.has('ppt/presentation.xml')) throw new WorkbookFileError('这是 PowerPoint 演示文稿，不是 Excel 工作簿。请提供填好的基础数据表（.xlsx）。', 'pptx');
  if (entries.has('[Content_Types].xml')) {
    throw new WorkbookFileError(`这是 Office 文件，但其中没有工作簿内容。${SAVE_AS}`, 'not-xlsx');
  }
  throw new WorkbookFileError(`这是一个压缩包（.zip），不是 Excel 工作簿。${SAVE_AS}`, 'not-xlsx');
}
