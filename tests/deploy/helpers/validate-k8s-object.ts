/**
 * Validates rendered Kubernetes objects against the Kubernetes OpenAPI schemas, the way
 * `kubeconform -strict` does, with what npm ships:
 *  1. schema rules (types, enums, required fields, formats): the ajv validators that the
 *     `kubernetes-models` package compiled from the Kubernetes OpenAPI document;
 *  2. unknown fields (a typo such as `readOnlyRootFileSystem` is silently dropped by the API
 *     server, so strict validators reject it): the OpenAPI schemas allow extra properties, so
 *     every key is looked up in the TypeScript interfaces `kubernetes-models` generated from the
 *     same document, walking the object and the type together.
 */
import { resolve } from "node:path";
import ts from "typescript";
import { ROOT, type K8sObject } from "./render-kustomize.js";

/** One problem found in one object. */
export interface K8sProblem {
  object: string;
  path: string;
  message: string;
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** Returns `group/version/Kind` module path inside kubernetes-models for an object. */
function modelPath(object: K8sObject): string {
  return `${object.apiVersion}/${object.kind}`;
}

function label(object: K8sObject): string {
  return `${object.kind}/${object.metadata?.name ?? "?"}`;
}

/** Runs the OpenAPI-derived schema validator of the object's apiVersion/kind. */
export async function validateSchema(object: K8sObject): Promise<K8sProblem[]> {
  let model: ModelClass | undefined;
  try {
    const specifier = `kubernetes-models/${modelPath(object)}`;
    const module = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
    model = module[object.kind] as ModelClass | undefined;
  } catch {
    model = undefined;
  }
  if (!model) {
    return [{ object: label(object), path: "", message: `no schema for ${modelPath(object)}` }];
  }
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    if (!errors) throw error;
    return errors.map((e) => ({
      object: label(object),
      path: e.instancePath,
      message: e.message ?? "invalid",
    }));
  }
}

const programs = new Map<string, { checker: ts.TypeChecker; roots: ts.Type }>();

/** Builds (once per set of kinds) a TS program whose `Roots` interface maps kinds to types. */
function rootsFor(paths: string[]): { checker: ts.TypeChecker; roots: ts.Type } {
  const key = paths.join("|");
  const cached = programs.get(key);
  if (cached) return cached;
  const file = resolve(ROOT, "__k8s_strict_fields__.mts");
  const source =
    paths
      .map(
        (p, i) => `import type { I${p.split("/").pop()} as T${i} } from "kubernetes-models/${p}";`,
      )
      .join("\n") +
    `\nexport interface Roots {\n${paths.map((p, i) => `  ${JSON.stringify(p)}: T${i};`).join("\n")}\n}\n`;
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    types: [],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) =>
    name === file
      ? ts.createSourceFile(name, source, version)
      : getSourceFile(name, version, onError);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file);
  if (diagnostics.length > 0) {
    throw new Error(
      `kubernetes-models types did not load: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, "\n")}`,
    );
  }
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(file)!;
  const rootsDecl = sourceFile.statements.find(ts.isInterfaceDeclaration)!;
  const entry = { checker, roots: checker.getTypeAtLocation(rootsDecl) };
  programs.set(key, entry);
  return entry;
}

function walk(
  checker: ts.TypeChecker,
  value: unknown,
  type: ts.Type,
  path: string,
  out: string[],
): void {
  if (value === null || typeof value !== "object") return;
  const t = checker.getNonNullableType(type);
  if (Array.isArray(value)) {
    const element = checker.getIndexTypeOfType(t, ts.IndexKind.Number);
    if (element) value.forEach((item, i) => walk(checker, item, element, `${path}/${i}`, out));
    return;
  }
  const members = t.isUnion() ? t.types : [t];
  const mapValue = members
    .map((m) => checker.getIndexTypeOfType(m, ts.IndexKind.String))
    .find(Boolean);
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const property = members.map((m) => checker.getPropertyOfType(m, key)).find(Boolean);
    if (property) {
      walk(checker, child, checker.getTypeOfSymbol(property), `${path}/${key}`, out);
    } else if (mapValue) {
      walk(checker, child, mapValue, `${path}/${key}`, out);
    } else {
      out.push(`${path}/${key}`);
    }
  }
}

/** Lists the fields of each object that its Kubernetes type does not define. */
export function findUnknownFields(objects: K8sObject[]): K8sProblem[] {
  const paths = [...new Set(objects.map(modelPath))].sort();
  const { checker, roots } = rootsFor(paths);
  const problems: K8sProblem[] = [];
  for (const object of objects) {
    const property = checker.getPropertyOfType(roots, modelPath(object))!;
    const unknown: string[] = [];
    walk(checker, object, checker.getTypeOfSymbol(property), "", unknown);
    for (const path of unknown)
      problems.push({ object: label(object), path, message: "unknown field" });
  }
  return problems;
}

/** Schema problems plus unknown fields of every object (empty when all are valid). */
export async function validateK8sObjects(objects: K8sObject[]): Promise<K8sProblem[]> {
  const schema = (await Promise.all(objects.map(validateSchema))).flat();
  const known = objects.filter(
    (o) => !schema.some((p) => p.message.startsWith("no schema") && p.object === label(o)),
  );
  return [...schema, ...findUnknownFields(known)];
}
