// Every figure builder's output on small seeded input against tests/golden/figures/<builder>.*:
// Plotly JSON with numbers rounded to 4 significant digits, Observable Plot's SVG, and the HTML
// of the table and notebook-chart bundles. UPDATE_GOLDEN=1 rewrites the files after a reviewed change.
import { describe, test } from "vitest";
import { plotlyNotebookHtml } from "../../../src/analysis/display/plotly-notebook-html.js";
import { metricsTableBundle } from "../../../src/analysis/display/show-metrics-table.js";
import { monthlyProfilesByYearSvg } from "../../../src/analysis/figures/monthly-profiles-by-year-svg.js";
import { expectGolden, goldenJson, goldenSvg } from "../../helpers/golden.js";
import { SEEDED_TZ, seededFigures } from "../../helpers/seeded-figures.js";

const TZ = SEEDED_TZ;
// built at collection time: test.each needs the builder names
const { series, builders: BUILDERS } = seededFigures();

describe("golden figures (tests/golden/figures)", () => {
  test.each(Object.keys(BUILDERS))("%s(seeded input) matches its golden JSON", async (name) => {
    await expectGolden(`figures/${name}.json`, goldenJson(BUILDERS[name]!()));
  });

  test("monthlyProfilesByYearSvg(seeded input) matches its golden SVG", async () => {
    const figure = monthlyProfilesByYearSvg(series, { timeZone: TZ });
    await expectGolden(
      "figures/monthly-profiles-by-year-svg.svg",
      `<!-- ${figure.title} | ${figure.subtitle} -->\n${goldenSvg(figure.svg)}`,
    );
  });

  test("metricsTableBundle(backtest rows) matches its golden HTML", async () => {
    const rows = [
      "seasonal-naive-24",
      "calendar-profile",
      "ridge",
      "mlp",
      "seasonal-naive-168",
    ].map((model, k) => ({
      model,
      maeMw: 400 - 37 * k,
      mase: 1.2 - 0.11 * k,
      coverage80Pct: 70 + 3 * k,
    }));
    const bundle = metricsTableBundle(rows, { digits: { mase: 2 }, unranked: ["coverage80Pct"] });
    await expectGolden("figures/metrics-table-bundle.html", `${bundle["text/html"] as string}\n`);
  });

  test("plotlyNotebookHtml(tiny figure, loader) matches its golden HTML", async () => {
    const spec = { data: [{ type: "bar", x: [1], y: [2] }], layout: { height: 300 }, config: {} };
    const html = plotlyNotebookHtml(spec, {
      elementId: "pf-plotly-0-00000000",
      title: "Tiny",
      plotlyJs: "/* plotly.min.js */",
    });
    await expectGolden("figures/plotly-notebook-html.html", `${html}\n`);
  });
});
