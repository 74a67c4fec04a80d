/**
 * What this Excel can do. The core path (read, add sheets, values, formats, merges, names) needs
 * only ExcelApi 1.4; each newer nicety is asked for first and skipped where it is missing.
 */

export interface ExcelFeatures {
  /** ExcelApi 1.4: getItemOrNullObject, names.add, getUsedRangeOrNullObject. */
  core: boolean;
  /** ExcelApi 1.7: NamedItem.formula, freeze panes, tab colour. */
  namedItemFormula: boolean;
  freezePanes: boolean;
  tabColor: boolean;
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
    dataValidation: supports('1.8'),
    pageLayout: supports('1.9'),
  };
}
