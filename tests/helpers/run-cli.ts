/** Runs the powerflow CLI in-process and captures its exit code, stdout and stderr. */
import { vi } from "vitest";
import { main } from "../../src/cli/powerflow.js";

/** Returns the exit code and the captured output of `powerflow <argv>`. */
export async function runCli(
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
