// Reads a JSON document from a file for the CLI, turning every way it can fail into one clear error.
import { readFileSync } from "node:fs";
import { LodestoneError } from "../domain/errors.ts";

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.includes(0))
      throw new LodestoneError("INPUT_UNREADABLE", `${file}: is a binary file, not JSON`);
    text = bytes.toString("utf8");
  } catch (error) {
    if (error instanceof LodestoneError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message;
    throw new LodestoneError("INPUT_UNREADABLE", `${file}: cannot read: ${reason}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LodestoneError("EPCIS_INVALID", `${file}: not JSON: ${(error as Error).message}`);
  }
}
