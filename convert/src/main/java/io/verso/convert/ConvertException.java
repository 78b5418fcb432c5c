package io.verso.convert;

import io.verso.protocol.ErrorCode;

/**
 * A file or document the converters refuse. {@link #reason()} names the refusal for the API's
 * error body; {@link #errorCode()} is the code of the vocabulary it maps to (always a 4xx: a hostile
 * or broken file is the sender's problem, never the node's).
 */
public final class ConvertException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a conversion was refused. */
  public enum Reason {
    /** The input is over the size limit (413). */
    FILE_TOO_LARGE(ErrorCode.TOO_LARGE),
    /** The converted document would be over the document limits (413). */
    RESULT_TOO_LARGE(ErrorCode.TOO_LARGE),
    /** The file is not what its type says, or is corrupt, or is hostile (zip bomb, entities) (400). */
    FILE_MALFORMED(ErrorCode.BAD_REQUEST),
    /** No converter reads or writes that format (400; 415 if the vocabulary gains it). */
    FORMAT_UNSUPPORTED(ErrorCode.BAD_REQUEST);

    private final ErrorCode code;

    Reason(ErrorCode code) {
      this.code = code;
    }

    public ErrorCode errorCode() {
      return code;
    }
  }

  private final Reason reason;

  public ConvertException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ConvertException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public ErrorCode errorCode() {
    return reason.errorCode();
  }
}
