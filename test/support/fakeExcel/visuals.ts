/**
 * Conditional formats and charts of the fake Excel host (a stand-in for Excel written for tests,
 * NOT Excel): the workbook model and the checks Excel makes on their arguments. Proxies
 * (proxies.ts) change this model only while a sync runs, like every other write.
 */
import type { Rect } from "./address";
import { FakeErrorCodes, FakeOfficeError } from "./errors";

function fail(code: string, message: string): never {
  throw new FakeOfficeError(code, message);
}

/** A sheet and a rectangle on it; kept loose so this file needs nothing from state.ts at run time. */
export interface SheetRect<S = unknown> {
  sheet: S;
  rect: Rect;
}

// ---- conditional formats --------------------------------------------------------------------

export const CONDITIONAL_FORMAT_TYPES = ["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"] as const;
export type ConditionalFormatType = (typeof CONDITIONAL_FORMAT_TYPES)[number];

export interface ColorScaleCriterion {
  type: string;
  formula?: string | null;
  color?: string;
}

export interface ColorScaleCriteria {
  minimum: ColorScaleCriterion;
  midpoint?: ColorScaleCriterion | null;
  maximum: ColorScaleCriterion;
}

export interface CellValueRule {
  operator: string;
  formula1: string;
  formula2?: string;
}

export interface ConditionalFormatState {
  readonly id: string;
  readonly type: ConditionalFormatType;
  rect: Rect;
  deleted: boolean;
  /** ColorScale: Excel's default for a new one is a 3-colour scale (red, yellow, green). */
  colorScale?: ColorScaleCriteria;
  /** CellValue: no rule until one is set. */
  cellValue?: { rule: CellValueRule | null; fillColor: string | null; fontColor: string | null };
}

const COLOR_CRITERION_TYPES = ["LowestValue", "HighestValue", "Number", "Percent", "Formula", "Percentile"];
const CELL_VALUE_OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqual", "LessThanOrEqual"];

/** Excel takes "#RRGGBB" or an HTML colour name ("red"). */
export function checkColor(color: unknown, what: string): string {
  if (typeof color !== "string" || !(/^#[0-9A-Fa-f]{6}$/.test(color) || /^[A-Za-z]{3,20}$/.test(color))) {
    fail(FakeErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format: ${what} colour ${JSON.stringify(color)}.`);
  }
  return color;
}

export function newConditionalFormat(id: string, type: unknown, rect: Rect): ConditionalFormatState {
  if (!CONDITIONAL_FORMAT_TYPES.includes(type as ConditionalFormatType)) {
    fail(FakeErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format: conditional format type ${JSON.stringify(type)}.`);
  }
  const cf: ConditionalFormatState = { id, type: type as ConditionalFormatType, rect: { ...rect }, deleted: false };
  if (type === "ColorScale") {
    cf.colorScale = {
      minimum: { type: "LowestValue", formula: null, color: "#F8696B" },
      midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" },
      maximum: { type: "HighestValue", formula: null, color: "#63BE7B" },
    };
  }
  if (type === "CellValue") cf.cellValue = { rule: null, fillColor: null, fontColor: null };
  return cf;
}

function checkCriterion(c: unknown, point: string): ColorScaleCriterion {
  if (typeof c !== "object" || c === null) fail(FakeErrorCodes.invalidArgument, `The colour scale needs a ${point} criterion.`);
  const { type, formula, color } = c as ColorScaleCriterion;
  if (!COLOR_CRITERION_TYPES.includes(type)) fail(FakeErrorCodes.invalidArgument, `Invalid colour scale ${point} type ${JSON.stringify(type)}.`);
  const needsFormula = type !== "LowestValue" && type !== "HighestValue";
  if (needsFormula && (typeof formula !== "string" || formula === "")) fail(FakeErrorCodes.invalidArgument, `The colour scale ${point} of type ${type} needs a formula.`);
  return { type, formula: needsFormula ? formula : null, color: checkColor(color, `colour scale ${point}`) };
}

export function setColorScaleCriteria(cf: ConditionalFormatState, criteria: unknown): void {
  if (!cf.colorScale) fail(FakeErrorCodes.invalidOperation, "The conditional format is not a colour scale.");
  if (typeof criteria !== "object" || criteria === null) fail(FakeErrorCodes.invalidArgument, "The colour scale criteria are missing.");
  const c = criteria as ColorScaleCriteria;
  const midpoint = c.midpoint === undefined || c.midpoint === null ? null : checkCriterion(c.midpoint, "midpoint");
  cf.colorScale = { minimum: checkCriterion(c.minimum, "minimum"), midpoint, maximum: checkCriterion(c.maximum, "maximum") };
}

export function setCellValueRule(cf: ConditionalFormatState, rule: unknown): void {
  if (!cf.cellValue) fail(FakeErrorCodes.invalidOperation, "The conditional format is not a cell value format.");
  const r = (typeof rule === "object" && rule !== null ? rule : {}) as Partial<CellValueRule>;
  if (!CELL_VALUE_OPERATORS.includes(r.operator as string)) fail(FakeErrorCodes.invalidArgument, `Invalid cell value operator ${JSON.stringify(r.operator)}.`);
  if (typeof r.formula1 !== "string" || r.formula1 === "") fail(FakeErrorCodes.invalidArgument, "The cell value rule needs formula1.");
  const between = r.operator === "Between" || r.operator === "NotBetween";
  if (between && (typeof r.formula2 !== "string" || r.formula2 === "")) fail(FakeErrorCodes.invalidArgument, `The ${r.operator} rule needs formula2.`);
  cf.cellValue.rule = { operator: r.operator as string, formula1: r.formula1, ...(between ? { formula2: r.formula2 } : {}) };
}

// ---- charts ---------------------------------------------------------------------------------

/** The chart types the fake knows (a subset of Excel.ChartType); any other is refused. */
export const CHART_TYPES = [
  "ColumnClustered",
  "ColumnStacked",
  "ColumnStacked100",
  "BarClustered",
  "BarStacked",
  "BarStacked100",
  "Line",
  "LineMarkers",
  "LineStacked",
  "Pie",
  "Doughnut",
  "Area",
  "AreaStacked",
  "XYScatter",
] as const;

export const LEGEND_POSITIONS = ["Invalid", "Top", "Bottom", "Left", "Right", "Corner", "Custom"];

export interface SeriesState<S = unknown> {
  name: string;
  values: SheetRect<S> | null;
  /** Category (x axis) labels; null means 1, 2, 3, … */
  categories: SheetRect<S> | null;
  deleted: boolean;
}

export interface ChartState<S = unknown> {
  readonly id: string;
  name: string;
  type: string;
  series: SeriesState<S>[];
  title: string;
  legendPosition: string;
  categoryAxisReversed: boolean;
  /** Top-left and bottom-right cells the chart covers, once setPosition was called. */
  position: { start: Rect; end: Rect | null } | null;
  deleted: boolean;
}

export function checkChartType(type: unknown): string {
  if (!CHART_TYPES.includes(type as (typeof CHART_TYPES)[number])) {
    fail(FakeErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format: chart type ${JSON.stringify(type)}.`);
  }
  return type as string;
}

const isText = (v: unknown) => typeof v === "string" && v !== "";
const isBlank = (v: unknown) => v === "" || v === null || v === undefined;

/**
 * The series Excel makes from a source range. Like Excel, with series in columns: the top row is
 * taken for series names when it holds text over numbers (or its first cell is blank), and the
 * left column for categories when its body is text. `valueAt` reads a cell's shown value.
 */
export function seriesFromSource<S>(source: SheetRect<S>, seriesBy: unknown, valueAt: (row: number, column: number) => unknown): SeriesState<S>[] {
  if (!["Auto", "Columns", "Rows"].includes(seriesBy as string)) fail(FakeErrorCodes.invalidArgument, `Invalid seriesBy ${JSON.stringify(seriesBy)}.`);
  const { rect } = source;
  if ((rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1) > 1_000_000) fail(FakeErrorCodes.invalidArgument, "The fake host does not chart whole columns or rows.");
  let anyValue = false;
  for (let r = rect.r1; r <= rect.r2 && !anyValue; r++) for (let c = rect.c1; c <= rect.c2 && !anyValue; c++) anyValue = !isBlank(valueAt(r, c));
  if (!anyValue) fail(FakeErrorCodes.invalidArgument, "The argument is invalid or missing or has an incorrect format: the chart's source data is empty.");
  const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && rect.c2 - rect.c1 > rect.r2 - rect.r1);
  // Work in "series are columns" coordinates; swap for rows.
  const at = (i: number, j: number) => (byRows ? valueAt(rect.r1 + j, rect.c1 + i) : valueAt(rect.r1 + i, rect.c1 + j));
  const rows = byRows ? rect.c2 - rect.c1 + 1 : rect.r2 - rect.r1 + 1;
  const columns = byRows ? rect.r2 - rect.r1 + 1 : rect.c2 - rect.c1 + 1;
  const topBlank = isBlank(at(0, 0));
  const hasNames = rows > 1 && (topBlank || (Array.from({ length: columns }, (_, j) => at(0, j)).some(isText) && Array.from({ length: columns }, (_, j) => at(1, j)).some((v) => typeof v === "number")));
  const first = hasNames ? 1 : 0;
  const hasCategories = columns > 1 && (topBlank || Array.from({ length: rows - first }, (_, i) => at(first + i, 0)).every((v) => isText(v) || isBlank(v)));
  const piece = (i1: number, i2: number, j: number): SheetRect<S> =>
    byRows ? { sheet: source.sheet, rect: { r1: rect.r1 + j, r2: rect.r1 + j, c1: rect.c1 + i1, c2: rect.c1 + i2 } } : { sheet: source.sheet, rect: { r1: rect.r1 + i1, r2: rect.r1 + i2, c1: rect.c1 + j, c2: rect.c1 + j } };
  const out: SeriesState<S>[] = [];
  for (let j = hasCategories ? 1 : 0; j < columns; j++) {
    out.push({
      name: hasNames ? String(at(0, j)) : `Series${out.length + 1}`,
      values: piece(first, rows - 1, j),
      categories: hasCategories ? piece(first, rows - 1, 0) : null,
      deleted: false,
    });
  }
  return out;
}

/** Series values and categories are one row or one column of cells. */
export function checkSeriesRange(rect: Rect, what: string): void {
  if (rect.r1 !== rect.r2 && rect.c1 !== rect.c2) fail(FakeErrorCodes.invalidArgument, `The argument is invalid: a series' ${what} must be one row or one column.`);
}
