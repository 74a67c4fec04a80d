/**
 * What this Excel can do. The core path (read, add sheets, values, formats, merges, names, sheet
 * protection and visibility) needs only ExcelApi 1.4; each newer nicety is asked for first and
 * skipped where it is missing.
 */

export interface ExcelFeatures {
  /** ExcelApi 1.4: getItemOrNullObject, names.add; with it 1.2's unmerge and WorksheetProtection. */
  core: boolean;
  /** ExcelApi 1.7: NamedItem.formula, freeze panes, tab colour. */
  namedItemFormula: boolean;
  freezePanes: boolean;
  tabColor: boolean;
  /** ExcelApi 1.7: Workbook.protection, to tell a protected structure before adding a sheet. */
  workbookProtection: boolean;
  /** ExcelApi 1.7: Worksheet.onChanged, to mark a shown result 已过期 the moment an input changes. */
  changeEvents: boolean;
  /** ExcelApi 1.8: drop-down lists on 是/否 cells. */
  dataValidation: boolean;
  /** ExcelApi 1.9: A4, landscape, fit to width, repeated header row, page footer. */
  pageLayout: boolean;
}

function supports(version: string): boolean {
  return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', version) === true;
}

export function detectFeatures(): ExcelFeatures {
  const v17 = supports('1.7');
  return {
    core: supports('1.4'),
    namedItemFormula: v17,
    freezePanes: v17,
    tabColor: v17,
    workbookProtection: v17,
    changeEvents: v17,
    dataValidation: supports('1.8'),
    pageLayout: supports('1.9'),
  };
}
