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
