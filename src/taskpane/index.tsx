/**
 * Task pane entry: waits for Office, then renders the pane inside a FluentProvider whose theme
 * follows Office's (dark body background → webDarkTheme, otherwise webLightTheme).
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { describeTableInExcel, runRefreshInExcel, runValidateInExcel, saveMappingInExcel, selectCellInExcel } from "../excel/runRefresh";
import { App } from "./App";
import { currentOfficeTheme, isDarkOfficeTheme } from "./theme";

function render(): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  const theme = isDarkOfficeTheme(currentOfficeTheme()) ? webDarkTheme : webLightTheme;
  createRoot(container).render(
    <React.StrictMode>
      <FluentProvider theme={theme}>
        <App
          refresh={(options) => runRefreshInExcel(options)}
          validate={(options) => runValidateInExcel(options)}
          describe={describeTableInExcel}
          saveMapping={saveMappingInExcel}
          selectCell={selectCellInExcel}
        />
      </FluentProvider>
    </React.StrictMode>,
  );
}

Office.onReady(() => render());
