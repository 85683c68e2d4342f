/**
 * The Risk tab: the top of the collection worklist after a refresh. Each customer is a button:
 * Enter, Space or a click selects its row on the risk sheet. Loaded only when the tab is opened
 * (React.lazy in App); the logic is in riskView.ts.
 */
import * as React from "react";
import { Badge, Body1, Body1Strong, Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Worklist } from "../core/risk/worklist";
import { riskIntro, riskRowLabel, riskRows, TIER_COLOURS } from "./riskView";

const useStyles = makeStyles({
  view: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  list: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "stretch",
    rowGap: tokens.spacingVerticalXXS,
    width: "100%",
    textAlign: "start",
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightRegular,
  },
  line: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  name: {
    flexGrow: 1,
  },
  reasons: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground2,
  },
  action: {
    color: tokens.colorBrandForeground1,
  },
});

export interface RiskViewProps {
  worklist: Worklist;
  /** The risk sheet written (it is not "AR Risk" when a sheet of the user's had that name). */
  sheet: string;
  onSelect: (range: string) => void;
}

export default function RiskView({ worklist, sheet, onSelect }: RiskViewProps): React.ReactElement {
  const styles = useStyles();
  const { rows, more } = riskRows(worklist);
  return (
    <section className={styles.view} aria-label="Risk" data-testid="risk">
      <Body1>{riskIntro(worklist, sheet)}</Body1>
      {rows.length === 0 && <Body1 className={styles.muted}>No customer has an open balance.</Body1>}
      <ol className={styles.list} aria-label="Collection worklist">
        {rows.map((row) => (
          <li key={`${row.rank}`}>
            <Button
              appearance="subtle"
              className={styles.item}
              onClick={() => onSelect(row.range)}
              aria-label={riskRowLabel(row, sheet)}
              title={`Select ${row.customer} on ${sheet}`}
              data-testid="risk-customer"
              data-customer={row.customer}
              data-range={row.range}
            >
              <span className={styles.line}>
                <Body1Strong className={styles.name}>
                  {row.rank}. {row.customer}
                </Body1Strong>
                <Badge appearance="filled" color={TIER_COLOURS[row.tier]}>
                  {row.tier} {row.score}
                </Badge>
              </span>
              <Caption1>{row.overdue} overdue</Caption1>
              <ul className={styles.reasons}>
                {row.reasons.map((reason) => (
                  <li key={reason}>
                    <Caption1>{reason}</Caption1>
                  </li>
                ))}
              </ul>
              <Caption1 className={styles.action}>Next: {row.action}</Caption1>
            </Button>
          </li>
        ))}
      </ol>
      {more > 0 && (
        <Caption1 className={styles.muted}>
          …and {more.toLocaleString("en-US")} more on the &quot;{sheet}&quot; sheet.
        </Caption1>
      )}
    </section>
  );
}
