package io.verso.presence;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects, while open, the ERROR log events that concern Verso code: logged by an {@code io.verso}
 * logger, or carrying an exception thrown through an {@code io.verso} frame (an exception escaping one
 * of our handlers is logged by Vert.x at ERROR as "Unhandled exception"). ERRORs that the Vert.x Redis
 * client logs about its own pooled connections when Redis goes away (5.0.10: "Unhandled Error" on a
 * closed channel, and with {@code -ea} an internal assertion in {@code RedisStandaloneConnection.end})
 * do not involve our code and are not collected.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  static LogCapture errors() {
    LogCapture capture = new LogCapture();
    capture.setContext(capture.root.getLoggerContext());
    capture.start();
    capture.root.addAppender(capture);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)
        && (event.getLoggerName().startsWith("io.verso") || throughVerso(event.getThrowableProxy()))) {
      errors.add(event.getLoggerName() + ": " + event.getFormattedMessage()
          + (event.getThrowableProxy() == null ? "" : " / " + event.getThrowableProxy().getClassName()));
    }
  }

  private static boolean throughVerso(IThrowableProxy t) {
    for (IThrowableProxy cause = t; cause != null; cause = cause.getCause()) {
      StackTraceElementProxy[] frames = cause.getStackTraceElementProxyArray();
      if (frames != null) {
        for (StackTraceElementProxy frame : frames) {
          if (frame.getStackTraceElement().getClassName().startsWith("io.verso")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  List<String> errorsSoFar() {
    return List.copyOf(errors);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
