/**
 * An error the user can act on: what is wrong, where, and what to do. Front doors show
 * `message` (and `hint`) as they are; anything that is not an ArDeskError is a bug and is
 * reported as one, still without a stack trace in the user's face.
 */
export type ArDeskErrorCode =
  | "FILE_NOT_FOUND"
  | "NOT_A_WORKBOOK"
  | "NO_INVOICE_TABLE"
  | "TABLE_NOT_FOUND"
  | "SEVERAL_INVOICE_TABLES"
  | "BAD_OPTION"
  | "WRITE_FAILED"
  | "CANCELLED";

export class ArDeskError extends Error {
  readonly code: ArDeskErrorCode;
  readonly hint?: string;

  constructor(code: ArDeskErrorCode, message: string, hint?: string) {
    super(message);
    this.name = "ArDeskError";
    this.code = code;
    this.hint = hint;
  }
}

/** The text to show a person for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof ArDeskError) {
    return error.hint ? `${error.message} ${error.hint}` : error.message;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `AR Desk hit an unexpected problem: ${detail}. Nothing in your data was changed.`;
}

/** The error a cancelled action stops with: between two steps, so nothing is half written. */
export function cancelled(): ArDeskError {
  return new ArDeskError("CANCELLED", "Cancelled; your sheets are as they were.");
}
