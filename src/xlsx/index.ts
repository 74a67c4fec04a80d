/**
 * The .xlsx adapter for Node, treating the file as the OOXML package it is: it reads only the
 * parts it needs (workbook, names, shared strings, the template's area of 基础数据表 and 指标体系)
 * and writes by adding or rewriting only our own sheet parts (with the names, rels, content types
 * and styles they need). Every other part — charts, images, pivot tables, comments, conditional
 * formats, data validations, macros — is copied byte for byte.
 */
export { EditedSheetError, WorkbookFileError, SheetConflictError } from './errors';
export { openWorkbook, newWorkbookBytes, type OpenedWorkbook } from './package';
