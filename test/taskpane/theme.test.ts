import { currentOfficeTheme, isDarkOfficeTheme, luminance } from "../../src/taskpane/theme";

describe("luminance", () => {
  it("reads #rgb and #rrggbb", () => {
    expect(luminance("#FFFFFF")).toBeCloseTo(1);
    expect(luminance("#000")).toBe(0);
    expect(luminance("nonsense")).toBeNull();
    expect(luminance(undefined)).toBeNull();
  });
});

describe("isDarkOfficeTheme", () => {
  it("is dark for Office's black and dark grey themes", () => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#262626" })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#444444" })).toBe(true);
  });

  it("is light for the colourful and white themes, and when Office says nothing", () => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#FFFFFF" })).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: "#E6E6E6" })).toBe(false);
    expect(isDarkOfficeTheme({})).toBe(false);
    expect(isDarkOfficeTheme(undefined)).toBe(false);
  });
});

describe("currentOfficeTheme", () => {
  const g = globalThis as { Office?: unknown };
  afterEach(() => delete g.Office);

  it("is undefined without Office or without a theme", () => {
    expect(currentOfficeTheme()).toBeUndefined();
    g.Office = { context: {} };
    expect(currentOfficeTheme()).toBeUndefined();
  });

  it("returns Office's theme", () => {
    g.Office = { context: { officeTheme: { bodyBackgroundColor: "#262626" } } };
    expect(currentOfficeTheme()).toEqual({ bodyBackgroundColor: "#262626" });
  });

  it("does not throw when reading the theme throws", () => {
    g.Office = { get context() { throw new Error("not ready"); } };
    expect(currentOfficeTheme()).toBeUndefined();
  });
});
