// PDF pages turned into pictures and text with Poppler (pdftoppm, pdftotext; .ci/run installs poppler-utils).
import { execFileSync } from "node:child_process";

/** The first page as a PNG at `prefix`-1.png, for a person to look at beside the screenshots. */
export function firstPageAsPng(pdfFile: string, prefix: string): void {
  execFileSync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "1", pdfFile, prefix]);
}

export function pdfText(pdfFile: string): string {
  return execFileSync("pdftotext", ["-layout", pdfFile, "-"]).toString();
}
