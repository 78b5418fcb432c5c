package io.verso.protocol;

import java.util.HashMap;
import java.util.Map;

/**
 * The closed error vocabulary of Verso. The public codes (400..503) are those of the v1 protocol;
 * the internal codes (46x, 500) only travel between services and are mapped to an HTTP status
 * in {@link #httpStatus()}.
 *
 * <p>{@code fatal} says whether retrying the same request can ever succeed: a fatal failure needs
 * a different request (or a reload), a non-fatal one may be retried as is, after a pause.
 */
public enum ErrorCode {
  BAD_REQUEST(400, 400, true, "malformed message"),
  UNAUTHENTICATED(401, 401, false, "no or expired identity: refresh and retry"),
  FORBIDDEN(403, 403, true, "the role does not allow it"),
  NOT_FOUND(404, 404, true, "no such document"),
  REV_AHEAD(409, 409, true, "baseRev is newer than the document"),
  RESYNC_REQUIRED(410, 410, true, "baseRev is older than the server keeps for transforming: reload"),
  TOO_LARGE(413, 413, true, "op, message or document over its limit"),
  /** An upload whose bytes are not one of the accepted types (an image that is not PNG, JPEG, GIF or WebP). */
  UNSUPPORTED_TYPE(415, 415, true, "content type not accepted"),
  INVALID_OP(422, 422, true, "the op does not apply to the document at baseRev"),
  RATE_LIMITED(429, 429, false, "slow down and retry"),
  UNAVAILABLE(503, 503, false, "storage unavailable; the document is read-only for now: retry"),

  /** Internal: a write lost the fence (revision already taken, or the document's head moved). */
  CONFLICT(460, 409, true, "revision conflict: the writer is stale"),
  /** Internal: the (docId, clientId, seq) was already committed; the message holds the original revision. */
  DUPLICATE(461, 409, true, "operation already committed"),
  /** Internal: an unexpected server-side failure. */
  INTERNAL(500, 500, false, "internal error");

  private static final Map<Integer, ErrorCode> BY_CODE = new HashMap<>();

  static {
    for (ErrorCode c : values()) {
      BY_CODE.put(c.code, c);
    }
  }

  private final int code;
  private final int httpStatus;
  private final boolean fatal;
  private final String description;

  ErrorCode(int code, int httpStatus, boolean fatal, String description) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.fatal = fatal;
    this.description = description;
  }

  public int code() {
    return code;
  }

  /** The HTTP status an answer with this code carries: the one place codes map to HTTP. */
  public int httpStatus() {
    return httpStatus;
  }

  public boolean fatal() {
    return fatal;
  }

  public String description() {
    return description;
  }

  /** The code for a failure code number; unknown numbers are {@link #INTERNAL}. */
  public static ErrorCode of(int code) {
    return BY_CODE.getOrDefault(code, INTERNAL);
  }

  /** A ready-to-throw exception carrying this code. */
  public VersoException exception(String message) {
    return new VersoException(this, message);
  }

  public VersoException exception() {
    return new VersoException(this, description);
  }
}
