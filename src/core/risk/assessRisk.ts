import type { DayNumber, InvoiceRecord } from "../types";
import { customerFeatures } from "./features";
import { scoreCustomers, type RiskWeights } from "./score";
import { buildWorklist, type Worklist, type WorklistOptions } from "./worklist";

/**
 * Features, scores and worklist in one call: what the pipeline, the pane and the CLI need.
 * @example assessRisk(records, asOf).items[0] // { rank: 1, customer: "Acme", score: 71.4, tier: "High", … }
 */
export function assessRisk(records: readonly InvoiceRecord[], asOf: DayNumber, options: WorklistOptions & { weights?: Partial<RiskWeights> } = {}): Worklist {
  return buildWorklist(scoreCustomers(customerFeatures(records, asOf), options.weights), asOf, options);
}
