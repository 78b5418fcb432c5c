package io.verso.delta;

/** A change does not apply to a document (lengths, shape); the document is left unchanged. */
public final class InvalidDeltaException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidDeltaException(String message) {
    super(message);
  }
}
