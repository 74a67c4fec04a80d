/** Office errors as text the pane can show. */

/** Office errors carry a code (e.g. InvalidArgument) beside their message; keep both. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code && !error.message.includes(code) ? `${error.message}（${code}）` : error.message;
}
