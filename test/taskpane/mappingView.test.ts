import type { FieldMatch } from "../../src/core/columns/mapColumns";
import { columnOptions, confidenceLabel, fieldName, mappingOf, mappingRows, sameMapping, setFieldColumn } from "../../src/taskpane/mappingView";

const HEADERS = ["Ref", "Client", "Due", "Total", ""];
const COLUMNS: FieldMatch[] = [
  { field: "invoice", column: 0, header: "Ref", confidence: 0.8 },
  { field: "customer", column: 1, header: "Client", confidence: 0.97 },
  { field: "dueDate", column: 2, header: "Due", confidence: 0.7 },
  { field: "amount", column: 3, header: "Total", confidence: 0.95 },
];

describe("confidenceLabel", () => {
  it("is High from 0.95, Medium from 0.75, else Low", () => {
    expect([1, 0.95, 0.949, 0.75, 0.749, 0].map(confidenceLabel)).toEqual(["High", "High", "Medium", "Medium", "Low", "Low"]);
  });
});

describe("mapping edits", () => {
  it("reads the mapping from the detected columns", () => {
    expect(mappingOf(COLUMNS)).toEqual({ invoice: 0, customer: 1, dueDate: 2, amount: 3 });
  });

  it("moves a field to a column, taking the column from the field that had it", () => {
    const mapping = mappingOf(COLUMNS);
    expect(setFieldColumn(mapping, "openBalance", 3)).toEqual({ invoice: 0, customer: 1, dueDate: 2, openBalance: 3 });
    expect(setFieldColumn(mapping, "customer", undefined)).toEqual({ invoice: 0, dueDate: 2, amount: 3 });
    expect(setFieldColumn(mapping, "customer", 4)).toEqual({ invoice: 0, customer: 4, dueDate: 2, amount: 3 });
    expect(mapping).toEqual({ invoice: 0, customer: 1, dueDate: 2, amount: 3 }); // unchanged
  });

  it("compares mappings by content", () => {
    expect(sameMapping({ invoice: 0, amount: 3 }, { amount: 3, invoice: 0 })).toBe(true);
    expect(sameMapping({ invoice: 0 }, { invoice: 0, amount: 3 })).toBe(false);
  });
});

describe("mappingRows", () => {
  it("lists mapped fields first with header and confidence, then every other field unmapped", () => {
    const rows = mappingRows(COLUMNS, mappingOf(COLUMNS), HEADERS);
    expect(rows.slice(0, 4).map((r) => [r.field, r.header, r.confidence])).toEqual([
      ["invoice", "Ref", "Medium"],
      ["customer", "Client", "High"],
      ["dueDate", "Due", "Low"],
      ["amount", "Total", "High"],
    ]);
    expect(rows[0].name).toBe("Invoice number");
    expect(rows.slice(4).every((r) => r.column === undefined && r.confidence === "")).toBe(true);
    expect(rows.length).toBeGreaterThan(10);
  });

  it("marks a field the user moved as their choice", () => {
    const rows = mappingRows(COLUMNS, setFieldColumn(mappingOf(COLUMNS), "customer", 4), HEADERS);
    expect(rows.find((r) => r.field === "customer")).toMatchObject({ column: 4, header: "", confidence: "Your choice" });
  });

  it("offers (none) and every header, naming blank ones by position", () => {
    expect(columnOptions(HEADERS)).toEqual([
      { value: "", text: "(none)" },
      { value: "0", text: "Ref" },
      { value: "1", text: "Client" },
      { value: "2", text: "Due" },
      { value: "3", text: "Total" },
      { value: "4", text: "(column 5, no header)" },
    ]);
    expect(fieldName("dueDate")).toBe("Due date");
  });
});
