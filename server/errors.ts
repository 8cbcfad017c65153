/**
 * A refusal the HTTP layer turns into `{error: {code, message}}` with its status. Thrown by the
 * server's parts (authentication, members, push/pull); anything else thrown is a 500.
 */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A mutation touched what its member may not: the mutation is rejected ('forbidden: …'), not the request. */
export class Forbidden extends Error {}
