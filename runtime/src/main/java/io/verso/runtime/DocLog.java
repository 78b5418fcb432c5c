package io.verso.runtime;

import org.slf4j.MDC;

/**
 * Puts a document's id (and the user's, when known) in the log context of one log statement:
 * {@code DocLog.with(docId, () -> LOG.warn("Snapshot of {} failed", docId))}. The JSON log format
 * carries them as fields of its {@code mdc} object, the text format after the message.
 *
 * <p>Set around each statement and removed right after, never once per thread: an event loop serves
 * many documents, so a context left behind would tag another document's lines. MDC rather than
 * SLF4J key-value pairs because logback's JSON encoder writes the MDC as one object that collectors
 * index field by field, and key-value pairs as a list of one-key objects.
 */
public final class DocLog {
  public static final String DOC_ID = "docId";
  public static final String USER_ID = "userId";

  private DocLog() {}

  /** Runs {@code log} with {@code docId} in the log context. */
  public static void with(String docId, Runnable log) {
    with(docId, null, log);
  }

  /** Runs {@code log} with {@code docId} and {@code userId} (either may be null: left out) in the log context. */
  public static void with(String docId, String userId, Runnable log) {
    // null resources are skipped by try-with-resources: a missing id is simply not in the context
    try (MDC.MDCCloseable doc = docId == null ? null : MDC.putCloseable(DOC_ID, docId);
        MDC.MDCCloseable user = userId == null ? null : MDC.putCloseable(USER_ID, userId)) {
      log.run();
    }
  }
}
