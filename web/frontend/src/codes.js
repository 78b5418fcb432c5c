// The failure codes of the closed error vocabulary (io.verso.protocol.ErrorCode), by name: what a
// refused request, registration or submit carries as failureCode (and an API answer as its HTTP
// status). test/codes.test.mjs reads ErrorCode.java, so the two lists cannot drift apart.
export const BAD_REQUEST = 400;
export const UNAUTHENTICATED = 401;
export const FORBIDDEN = 403;
export const NOT_FOUND = 404;
export const REV_AHEAD = 409;
export const RESYNC_REQUIRED = 410;
export const TOO_LARGE = 413;
export const UNSUPPORTED_TYPE = 415;
export const INVALID_OP = 422;
export const RATE_LIMITED = 429;
export const INTERNAL = 500;
export const UNAVAILABLE = 503;

/** Not a server code: the connection's own for a request that got no answer (offline, socket closed, timed out). */
export const NO_REPLY = -1;
