/**
 * Loads GitHub's own workflow parser (`@actions/workflow-parser`, the parser behind the Actions
 * language service), which validates a workflow against GitHub's workflow schema.
 * Its compiled ESM imports a JSON schema file without `with { type: "json" }`, which bundlers
 * accept and Node refuses; a synchronous module hook supplies that one file as JSON.
 */
import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";
import type * as WorkflowParser from "@actions/workflow-parser";

let registered = false;

/** Imports `@actions/workflow-parser` (registering the JSON hook once). */
export async function loadWorkflowParser(): Promise<typeof WorkflowParser> {
  if (!registered) {
    registered = true;
    registerHooks({
      load(url, context, nextLoad) {
        if (
          url.startsWith("file:") &&
          url.includes("/@actions/workflow-parser/") &&
          url.endsWith(".json")
        ) {
          return {
            format: "json",
            source: readFileSync(fileURLToPath(url), "utf8"),
            shortCircuit: true,
          };
        }
        return nextLoad(url, context);
      },
    });
  }
  return import("@actions/workflow-parser");
}
