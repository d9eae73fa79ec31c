import type { ApiErrorData } from "../../../shared/contract/errors";

/** A failed call, as react-query sees it: the server's message, SQLSTATE and position kept. */
export class ApiError extends Error {
  readonly code: ApiErrorData["code"];
  readonly data: ApiErrorData;

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = "ApiError";
    this.code = data.code;
    this.data = data;
  }
}
