/**
 * Following Office's theme: Office tells add-ins the colours of its current theme
 * (Office.context.officeTheme); the pane uses Fluent's dark theme when Office's body background
 * is dark. Pure helpers, tested in test/taskpane/theme.test.ts.
 */

/**
 * Relative luminance (0 black … 1 white) of a `#rgb` or `#rrggbb` colour; null when unreadable.
 * @example luminance("#FFFFFF") // 1
 */
export function luminance(colour: string | undefined | null): number | null {
  if (!colour) return null;
  let hex = colour.trim().replace(/^#/, "");
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = hex.replace(/./g, (c) => c + c);
  if (!/^[0-9a-f]{6}$/i.test(hex)) return null;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The part of Office.context.officeTheme AR Desk reads. */
export interface OfficeThemeLike {
  bodyBackgroundColor?: string;
}

/**
 * True when Office's theme is dark (its body background is dark). No theme (Excel versions
 * without the API, or a test host) means light.
 * @example isDarkOfficeTheme({ bodyBackgroundColor: "#262626" }) // true
 */
export function isDarkOfficeTheme(theme: OfficeThemeLike | undefined | null): boolean {
  const value = luminance(theme?.bodyBackgroundColor);
  // 0.179: the luminance where white and black text have the same contrast.
  return value !== null && value < 0.179;
}

/** Office's theme when the host exposes one; undefined otherwise, never a throw. */
export function currentOfficeTheme(): OfficeThemeLike | undefined {
  try {
    const office = (globalThis as { Office?: { context?: { officeTheme?: OfficeThemeLike } } }).Office;
    return office?.context?.officeTheme ?? undefined;
  } catch {
    return undefined;
  }
}
