package io.verso.protocol;

/** A failure with a code of the closed vocabulary; thrown inside services, sent as {@code fail(code, message)}. */
public final class VersoException extends RuntimeException {
  private final ErrorCode code;

  public VersoException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
