import { generatedSheetName, isGenerated, liveEntries, parseRegistry, registryValues, REGISTRY_SHEET, withGenerated, type RegistryEntry } from "../../src/workbook/registry";

const ENTRIES: RegistryEntry[] = [
  { sheet: "AR Aging", kind: "aging", id: "{A-1}" },
  { sheet: "AR Issues", kind: "issues", id: "" },
];

describe("registryValues and parseRegistry", () => {
  it("writes a header row, then one row per entry", () => {
    const values = registryValues(ENTRIES);
    expect(values).toHaveLength(3);
    expect(values[0][0]).toBe("AR Desk generated sheets: do not edit");
    expect(values.slice(1)).toEqual([
      ["AR Aging", "aging", "{A-1}", ""],
      ["AR Issues", "issues", "", ""],
    ]);
  });

  it("lists the tables written on a sheet in column D, comma-separated", () => {
    const entries: RegistryEntry[] = [{ sheet: "AR Aging", kind: "aging", id: "", tables: ["ARKeyFigures", "ARAging_EUR"] }];
    expect(registryValues(entries)[1]).toEqual(["AR Aging", "aging", "", "ARKeyFigures,ARAging_EUR"]);
    expect(parseRegistry(registryValues(entries))).toEqual(entries);
  });

  it("round trips", () => {
    expect(parseRegistry(registryValues(ENTRIES))).toEqual(ENTRIES);
    expect(parseRegistry(registryValues([]))).toEqual([]);
  });

  it("drops rows without a sheet name and fills missing cells with empty text", () => {
    const values = [["header"], [null, "aging", "x"], ["", "aging", "x"], [42, "aging", "x"], ["Ok", undefined, null], ["Ids", "aging", 7]];
    expect(parseRegistry(values)).toEqual([
      { sheet: "Ok", kind: "", id: "" },
      { sheet: "Ids", kind: "aging", id: "7" },
    ]);
    expect(parseRegistry([])).toEqual([]);
  });

  it("keeps its list on a sheet whose name starts with an underscore", () => {
    expect(REGISTRY_SHEET).toBe("_ardesk");
  });
});

describe("isGenerated", () => {
  it("matches the sheet name whatever its case", () => {
    expect(isGenerated(ENTRIES, "ar aging")).toBe(true);
    expect(isGenerated(ENTRIES, "AR AGING", "{A-1}")).toBe(true);
  });

  it("refuses a sheet of that name with another id", () => {
    expect(isGenerated(ENTRIES, "AR Aging", "{B-2}")).toBe(false);
  });

  it("matches when either side has no id", () => {
    expect(isGenerated(ENTRIES, "AR Issues", "{any}")).toBe(true);
    expect(isGenerated(ENTRIES, "AR Aging", "")).toBe(true);
  });

  it("refuses sheets it never recorded", () => {
    expect(isGenerated(ENTRIES, "Sheet1")).toBe(false);
    expect(isGenerated([], "AR Aging")).toBe(false);
  });

  describe("without ids (files), by the tables recorded", () => {
    const entries: RegistryEntry[] = [{ sheet: "AR Aging", kind: "aging", id: "", tables: ["ARKeyFigures", "ARAging"] }];

    it("takes a sheet with one of our tables on it for ours", () => {
      expect(isGenerated(entries, "AR Aging", "", ["araging", "ARKeyFigures"])).toBe(true);
      expect(isGenerated(entries, "AR Aging", "", ["ARKeyFigures"])).toBe(true);
    });

    it("refuses a sheet of that name without any of them: the user made it after deleting ours", () => {
      expect(isGenerated(entries, "AR Aging", "", [])).toBe(false);
      expect(isGenerated(entries, "AR Aging", "", ["Table1", "ARAging2"])).toBe(false);
    });

    it("lets an id decide where both sides have one", () => {
      const both: RegistryEntry[] = [{ ...entries[0], id: "{A-1}" }];
      expect(isGenerated(both, "AR Aging", "{A-1}", [])).toBe(true);
      expect(isGenerated(both, "AR Aging", "{B-2}", ["ARAging"])).toBe(false);
      expect(isGenerated(both, "AR Aging", "", [])).toBe(false);
    });

    it("falls back to the name when the caller cannot tell the tables or the entry has none", () => {
      expect(isGenerated(entries, "AR Aging")).toBe(true);
      expect(isGenerated([{ sheet: "AR Aging", kind: "aging", id: "" }], "AR Aging", "", [])).toBe(true);
    });
  });
});

describe("liveEntries", () => {
  it("keeps the entries of sheets that are there and still ours", () => {
    const entries: RegistryEntry[] = [
      { sheet: "AR Aging", kind: "aging", id: "", tables: ["ARAging"] },
      { sheet: "AR Risk", kind: "risk", id: "", tables: ["ARRisk"] },
      { sheet: "AR Gone", kind: "issues", id: "" },
      { sheet: "AR Old", kind: "history", id: "" },
    ];
    const sheets = [{ name: "AR Aging", tables: [] }, { name: "ar risk", tables: ["ARRisk"] }, { name: "AR Old" }];
    expect(liveEntries(entries, sheets).map((e) => e.sheet)).toEqual(["AR Risk", "AR Old"]);
  });
});

describe("withGenerated", () => {
  it("replaces the entry of the same name, whatever its case", () => {
    const next = withGenerated(ENTRIES, { sheet: "ar aging", kind: "aging", id: "{C-3}" });
    expect(next).toEqual([
      { sheet: "AR Issues", kind: "issues", id: "" },
      { sheet: "ar aging", kind: "aging", id: "{C-3}" },
    ]);
    expect(isGenerated(next, "AR Aging", "{A-1}")).toBe(false);
    expect(ENTRIES).toHaveLength(2); // the original list is left as it was
    expect(ENTRIES[0].id).toBe("{A-1}");
  });

  it("adds a new name at the end", () => {
    expect(withGenerated(ENTRIES, { sheet: "AR Risk", kind: "risk", id: "" }).map((e) => e.sheet)).toEqual(["AR Aging", "AR Issues", "AR Risk"]);
  });
});

describe("generatedSheetName", () => {
  const aging = { name: "AR Aging", kind: "aging" };

  it("uses the plan's name when no sheet has it, or when the sheet of that name is ours", () => {
    expect(generatedSheetName(aging, [{ name: "Data" }], [])).toBe("AR Aging");
    expect(generatedSheetName(aging, [{ name: "AR Aging", id: "{A-1}" }], [{ sheet: "AR Aging", kind: "aging", id: "{A-1}" }])).toBe("AR Aging");
  });

  it("never takes a user's sheet: the first free numbered name instead", () => {
    expect(generatedSheetName(aging, [{ name: "ar aging" }], [])).toBe("AR Aging (2)");
    expect(generatedSheetName(aging, [{ name: "AR Aging" }, { name: "AR Aging (2)" }], [])).toBe("AR Aging (3)");
    expect(generatedSheetName({ name: REGISTRY_SHEET, kind: "x" }, [], [])).toBe(`${REGISTRY_SHEET} (2)`);
  });

  it("keeps writing to its earlier sheet of the same kind, whatever that is called", () => {
    const entries: RegistryEntry[] = [{ sheet: "AR Aging (2)", kind: "aging", id: "{B-2}" }];
    expect(generatedSheetName(aging, [{ name: "AR Aging", id: "{U-1}" }, { name: "AR Aging (2)", id: "{B-2}" }], entries)).toBe("AR Aging (2)");
  });

  it("treats a sheet whose id changed as the user's (ours was deleted and theirs made)", () => {
    const entries: RegistryEntry[] = [{ sheet: "AR Aging", kind: "aging", id: "{A-1}" }];
    expect(generatedSheetName(aging, [{ name: "AR Aging", id: "{U-9}" }], entries)).toBe("AR Aging (2)");
  });

  it("treats a sheet without any of our tables as the user's where there are no ids (files)", () => {
    const entries: RegistryEntry[] = [{ sheet: "AR Aging", kind: "aging", id: "", tables: ["ARAging"] }];
    expect(generatedSheetName(aging, [{ name: "AR Aging", tables: ["Table1"] }], entries)).toBe("AR Aging (2)");
    expect(generatedSheetName(aging, [{ name: "AR Aging", tables: ["ARAging"] }], entries)).toBe("AR Aging");
  });

  it("stays within Excel's 31 characters", () => {
    const long = { name: "AR Customer Risk And Worklist 1", kind: "risk" };
    const name = generatedSheetName(long, [{ name: long.name }], []);
    expect(name).toBe("AR Customer Risk And Workli (2)");
    expect(name.length).toBeLessThanOrEqual(31);
  });
});
