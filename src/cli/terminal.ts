/**
 * Terminal safety. Everything the CLI prints passes through `safeIo`, so text that came from a
 * file (a department name, a cell, a file name) can never move the cursor, ring the bell, retitle
 * the window or reorder what is shown: control characters and bidi overrides are printed as
 * visible escapes. Only main.ts draws its own control sequences (the progress bar's `\r\x1b[K`).
 */
import { textWidth } from '../layout/plan';

/**
 * C0 controls except the newline (ours), DEL, C1 controls, and the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) that can make a line read differently from its bytes.
 */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `\u001b` style: visible on a terminal, and still a valid escape inside a JSON string, so
 * `--json` output parses back to exactly the text the file held.
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Redraws a progress line in place (a terminal only); absent where output is not a terminal. */
  progress?(line: string): void;
}

/** The same sink with every line filtered: the one boundary between file content and the terminal. */
export function safeIo(io: Io): Io {
  const progress = io.progress;
  return {
    out: (t) => io.out(escapeControls(t)),
    err: (t) => io.err(escapeControls(t)),
    progress: progress ? (line) => progress(escapeControls(line)) : undefined,
  };
}

/** Cuts a line to the terminal's width (CJK counts two columns), so a redraw never wraps. */
export function fitToColumns(line: string, columns: number): string {
  let width = 0;
  let out = '';
  for (const ch of line) {
    width += textWidth(ch);
    if (width > columns) break;
    out += ch;
  }
  return out;
}
