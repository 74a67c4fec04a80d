/**
 * Which sheets are ours, in words both adapters share. A sheet is ours when the workbook-scoped
 * marker name of its plan (MARKERS in plan.ts) refers to it; anything else with the same name is
 * the user's and is never overwritten.
 */

/** Why nothing was written: a sheet of the user's carries a name we need. */
export function sheetConflictMessage(sheet: string): string {
  return `工作簿中已有名为“${sheet}”的工作表，且不是本工具生成的。为避免覆盖您的数据，未写入任何内容；请将该表改名后重试。`;
}

/** Why nothing was written: a defined name of the user's has the name of one of ours. */
export function nameConflictMessage(name: string, refersTo: string): string {
  return `工作簿中已有名称“${name}”（引用 ${refersTo}），与本工具要定义的名称相同。为避免改动您的数据，未写入任何内容；请删除或重命名该名称后重试。`;
}
