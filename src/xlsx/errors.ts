/** Errors of the .xlsx adapter; every message is Chinese and says what to do. */

/** The file is not a workbook we can read (an .xls, a password, a damaged or foreign file…). */
export class WorkbookFileError extends Error {
  constructor(
    message: string,
    readonly kind: 'empty' | 'damaged' | 'xls' | 'encrypted' | 'ods' | 'docx' | 'pptx' | 'not-xlsx' | 'too-large',
  ) {
    super(message);
  }
}

/** A sheet or name we would write belongs to the user: nothing is written. */
export class SheetConflictError extends Error {}

/** Sheets of ours the officer edited since we wrote them (or that carry no record of what we wrote): nothing is written unless they say so. */
export class EditedSheetError extends Error {
  constructor(readonly sheets: string[]) {
    super(
      `工作表${sheets.map((s) => `“${s}”`).join('、')}在上次生成后被修改过（或没有生成记录），重新生成会替换这些修改。为免丢失，未写入任何文件；如确认要重新生成，请加 --force。`,
    );
  }
}
