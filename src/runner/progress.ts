/** Progress output of `powerflow run`: a live status line on a terminal, plain lines otherwise. */

/** One progress event of a run. */
export type ProgressEvent =
  | { type: "sources"; kind: "prebuilt" | "live"; reason?: string }
  | { type: "notebook-start"; name: string }
  | {
      /** A previous report stands for this run: its inputs are unchanged ("cached"), or it finished before a `--resume` ("resumed"). */
      type: "notebook-reused";
      name: string;
      how: "cached" | "resumed";
      /** When the report's run started. */
      ranAt: string;
      location: string;
    }
  | { type: "notebook-stale"; name: string; why: string }
  | { type: "cell-start"; name: string; codeCellNumber: number; codeCellCount: number }
  | {
      type: "cell-end";
      name: string;
      cellIndex: number;
      status: "ok" | "error";
      durationMs: number;
      codeCellNumber: number;
      codeCellCount: number;
    }
  | {
      type: "notebook-end";
      name: string;
      status: "ok" | "failed";
      durationMs: number;
      location: string;
    };

/** Receives progress events. */
export type ProgressReporter = (event: ProgressEvent) => void;

/** Returns a reporter: `mode` "live" redraws one line (TTY), "plain" logs lines, "quiet" drops all. */
export function createProgressReporter(
  mode: "live" | "plain" | "quiet",
  write: (text: string) => void,
): ProgressReporter {
  if (mode === "quiet") return () => undefined;
  const active = new Map<string, string>();
  const redraw = (): void => {
    if (mode !== "live") return;
    const line = [...active].map(([name, state]) => `${name} ${state}`).join(" | ");
    write(`\r\u001b[K${line.slice(0, (process.stderr.columns || 120) - 1)}`);
  };
  return (event) => {
    switch (event.type) {
      case "sources":
        // Said only when the faster build could not be used: the run will be slower.
        if (event.reason !== undefined)
          write(
            `run: the kernels compile src/ themselves (slower): ${event.reason}; run "npm run build" to use the build\n`,
          );
        return;
      case "notebook-reused":
        write(
          `run ${event.name} ${event.how === "cached" ? "cached (unchanged since its run at" : "kept (finished before the interruption, at"} ${event.ranAt}) → ${event.location}\n`,
        );
        return;
      case "notebook-stale":
        write(`run ${event.name}: ${event.why}: running it\n`);
        return;
      case "notebook-start":
        active.set(event.name, "starting kernel");
        if (mode === "plain") write(`run ${event.name}: start\n`);
        break;
      case "cell-start":
        active.set(event.name, `cell ${event.codeCellNumber}/${event.codeCellCount}`);
        break;
      case "cell-end":
        if (mode === "plain") {
          write(
            `run ${event.name}: cell ${event.codeCellNumber}/${event.codeCellCount} ${event.status} ${seconds(event.durationMs)}\n`,
          );
        }
        break;
      case "notebook-end":
        active.delete(event.name);
        if (mode === "live") write("\r\u001b[K");
        write(
          `run ${event.name} ${event.status === "ok" ? "ok" : "error"} ${seconds(event.durationMs)} → ${event.location}\n`,
        );
        break;
    }
    redraw();
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
