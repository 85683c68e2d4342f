/**
 * Errors of the fake Excel host (a stand-in for Excel written for tests), shaped like
 * Office.js's OfficeExtension.Error: name "RichApi.Error", a `code` from Excel.ErrorCodes,
 * `message` and `debugInfo`.
 */
export const FakeErrorCodes = {
  propertyNotLoaded: "PropertyNotLoaded",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidReference: "InvalidReference",
  itemNotFound: "ItemNotFound",
  itemAlreadyExists: "ItemAlreadyExists",
  invalidObjectPath: "InvalidObjectPath",
  invalidRequestContext: "InvalidRequestContext",
  generalException: "GeneralException",
} as const;

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  readonly innerError: unknown = null;

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export function propertyNotLoaded(cls: string, prop: string, extra = ""): FakeOfficeError {
  return new FakeOfficeError(
    FakeErrorCodes.propertyNotLoaded,
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.${extra}`,
    `${cls}.${prop}`,
  );
}
