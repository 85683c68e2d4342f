/**
 * Browser entry of the fake Excel host (a stand-in for Excel written for tests, NOT Excel).
 * Bundle it before the task pane: it installs `Excel`, `OfficeExtension` and `Office` on
 * window and exposes the fake as `window.__fakeExcel` so an e2e test can seed tables and read
 * back sheets (e.g. `window.__fakeExcel.addTable("Data", "Invoices", "A1", rows)`).
 */
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from "./index";

declare global {
  interface Window {
    __fakeExcel?: FakeExcel;
    __fakeOffice?: InstalledOffice;
  }
}

const fake = createFakeExcel();
window.__fakeExcel = fake;
window.__fakeOffice = installFakeOffice(window as unknown as Record<string, unknown>, fake);

export { fake };
