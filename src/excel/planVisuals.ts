/**
 * What a sheet plan asks to be drawn beyond values and number formats — colour scales, fills by
 * value, stacked bar charts — as plain data (planVisuals), then queued on an Office.js worksheet
 * (queuePlanVisuals). Nothing here syncs: the caller's finishing sync sends it with the formats.
 *
 * API requirement sets: conditional formats need ExcelApi 1.6 and the series calls
 * (ChartSeriesCollection.add, setValues, setXAxisValues, ChartAxis.reversePlotOrder) 1.7;
 * manifest.xml requires ExcelApi 1.7, so Office does not start AR Desk where they are missing.
 */
import { cellAddress, parseCellAddress, type PlanFill, type PlanTable, type SheetPlan } from "../workbook/sheetPlan";

/**
 * Light fills that keep black text readable (Excel's "Good", "Neutral", "Bad" cell styles); the
 * same colours as the .xlsx adapter's, so a workbook looks alike whichever front door wrote it.
 */
export const VALUE_FILL_COLOURS: Record<PlanFill, string> = { good: "#C6EFCE", neutral: "#FFEB9C", warning: "#FFCC99", bad: "#FFC7CE" };
/** Low to high: white to Excel's preset red, as the .xlsx adapter writes it. */
export const COLOUR_SCALE = { low: "#FFFFFF", high: "#F8696B" } as const;

/** Where a plan table was written: header row and first column, 1-based. */
export interface TablePlace {
  headerRow: number;
  firstColumn: number;
}

export interface ColourScaleVisual {
  /** Body cells the scale spans, e.g. "B12:G20". */
  range: string;
}

export interface ValueFillVisual {
  range: string;
  /** The cell text that gets the fill. */
  value: string;
  colour: string;
}

export interface ChartVisual {
  title: string;
  /** Category labels, one column of body cells. */
  categories: string;
  series: { name: string; values: string }[];
  /** Top-left and bottom-right cells the chart covers. */
  from: string;
  to: string;
}

export interface PlanVisuals {
  colourScales: ColourScaleVisual[];
  valueFills: ValueFillVisual[];
  charts: ChartVisual[];
}

/** Body cells of one column of a table, rows [0, rows). */
function bodyColumn(place: TablePlace, column: number, rows: number): string {
  const c = place.firstColumn + column;
  return `${cellAddress(place.headerRow + 1, c)}:${cellAddress(place.headerRow + rows, c)}`;
}

/** Sorted columns as runs of neighbours: [1,2,3,5] → [[1,3],[5,5]]. */
export function columnRuns(columns: readonly number[]): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && c === last[1] + 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

const inTable = (table: PlanTable, column: number) => Number.isInteger(column) && column >= 0 && column < table.headers.length;

/**
 * The colour scales, fills by value and charts of a plan, placed where its tables were written.
 * Tables without rows get none: a scale or fill over the blank row Excel keeps would colour
 * nothing, and Excel refuses a chart over empty cells.
 *
 * @example planVisuals(riskPlan, [{ headerRow: 20, firstColumn: 1 }]).valueFills[0]
 *   // → { range: "C21:C68", value: "Low", colour: "#C6EFCE" }
 */
export function planVisuals(plan: SheetPlan, places: readonly TablePlace[]): PlanVisuals {
  const visuals: PlanVisuals = { colourScales: [], valueFills: [], charts: [] };
  plan.tables.forEach((table, i) => {
    const place = places[i];
    const rows = table.rows.length;
    if (!place || rows === 0) return;
    // One scale per run of neighbouring columns: a single Excel range (RangeAreas needs ExcelApi 1.9).
    for (const [first, last] of columnRuns((table.colourScaleColumns ?? []).filter((c) => inTable(table, c)))) {
      visuals.colourScales.push({ range: `${cellAddress(place.headerRow + 1, place.firstColumn + first)}:${cellAddress(place.headerRow + rows, place.firstColumn + last)}` });
    }
    for (const { column, fills } of table.valueFills ?? []) {
      if (!inTable(table, column)) continue;
      for (const [value, fill] of Object.entries(fills)) visuals.valueFills.push({ range: bodyColumn(place, column, rows), value, colour: VALUE_FILL_COLOURS[fill] });
    }
  });
  for (const chart of plan.charts ?? []) {
    const index = plan.tables.findIndex((t) => t.name === chart.table);
    const table = plan.tables[index];
    const place = places[index];
    if (!table || !place || table.rows.length === 0) continue;
    const rows = Math.min(Math.max(1, chart.maxRows), table.rows.length);
    const series = chart.seriesColumns.filter((c) => inTable(table, c)).map((c) => ({ name: table.headers[c], values: bodyColumn(place, c, rows) }));
    if (series.length === 0 || !inTable(table, chart.categoryColumn)) continue;
    const { row, column } = parseCellAddress(chart.at);
    visuals.charts.push({
      title: chart.title,
      categories: bodyColumn(place, chart.categoryColumn, rows),
      series,
      from: cellAddress(row, column),
      to: cellAddress(row + Math.max(1, chart.heightRows) - 1, column + Math.max(1, chart.widthColumns) - 1),
    });
  }
  return visuals;
}

/** A text constant in an Excel formula: ="Critical" (quotes doubled). */
export function textFormula(text: string): string {
  return `="${text.replace(/"/g, '""')}"`;
}

/**
 * Queues the plan's colour scales, fills by value and charts on a freshly written sheet. Fills are
 * conditional formats rather than cell fills so they follow the value when the user sorts or
 * edits the table. The sheet must be new: nothing here removes earlier formats or charts.
 */
export function queuePlanVisuals(sheet: Excel.Worksheet, plan: SheetPlan, places: readonly TablePlace[]): void {
  const visuals = planVisuals(plan, places);
  for (const scale of visuals.colourScales) {
    const format = sheet.getRange(scale.range).conditionalFormats.add("ColorScale");
    format.colorScale.criteria = {
      minimum: { type: "LowestValue", color: COLOUR_SCALE.low },
      maximum: { type: "HighestValue", color: COLOUR_SCALE.high },
    };
  }
  for (const fill of visuals.valueFills) {
    const format = sheet.getRange(fill.range).conditionalFormats.add("CellValue");
    format.cellValue.rule = { operator: "EqualTo", formula1: textFormula(fill.value) };
    format.cellValue.format.fill.color = fill.colour;
  }
  for (const chart of visuals.charts) {
    // Every series is set explicitly, not left to Excel's guess of which row and column are labels.
    const drawn = sheet.charts.add("BarStacked", sheet.getRange(chart.series[0].values), "Columns");
    drawn.title.text = chart.title;
    chart.series.forEach((s, i) => {
      const series = i === 0 ? drawn.series.getItemAt(0) : drawn.series.add(s.name);
      series.name = s.name;
      if (i > 0) series.setValues(sheet.getRange(s.values));
      series.setXAxisValues(sheet.getRange(chart.categories));
    });
    // The table is sorted by importance: keep its first row at the top of the bars.
    drawn.axes.categoryAxis.reversePlotOrder = true;
    drawn.legend.position = "Bottom";
    drawn.setPosition(chart.from, chart.to);
  }
}
