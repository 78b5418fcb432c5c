package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database access point: a reactive pool behind a circuit breaker. Business failures
 * ({@link VersoException}, SQL errors that are not about the connection) pass through without
 * counting; infrastructure failures (refused/closed connections, timeouts, server shutting down)
 * open the breaker and reach callers as UNAVAILABLE, quickly while it is open.
 */
final class Db {
  private static final Logger LOG = LoggerFactory.getLogger(Db.class);

  private final Vertx vertx;
  private final Pool pool;
  private final CircuitBreaker breaker;

  Db(Vertx vertx, StorageConfig config) {
    this.vertx = vertx;
    PgConnectOptions connect = PgConnectOptions.fromUri(config.pgUri());
    connect.setCachePreparedStatements(true);
    connect.setPipeliningLimit(256);
    PoolOptions poolOptions = new PoolOptions()
        .setMaxSize(config.poolSize())
        .setConnectionTimeout(config.acquireTimeoutMs())
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxWaitQueueSize(10_000)
        .setName("verso-storage-" + Ids.random());
    NetClientOptions net = new NetClientOptions().setConnectTimeout(config.connectTimeoutMs());
    this.pool = PgBuilder.pool().with(poolOptions).with(net).connectingTo(connect).using(vertx).build();
    this.breaker = CircuitBreaker.create("verso-storage-db", vertx, new CircuitBreakerOptions()
        .setMaxFailures(config.breakerMaxFailures())
        .setTimeout(config.breakerTimeoutMs())
        .setResetTimeout(config.breakerResetTimeoutMs())
        .setNotificationAddress(null) // no periodic publishes on the (clustered) event bus
        .setFallbackOnFailure(false));
    this.breaker.failurePolicy(f -> f.failed() && isInfrastructure(f.cause()));
    this.breaker.openHandler(v -> LOG.warn("Storage circuit breaker OPEN: PostgreSQL unavailable"));
    this.breaker.halfOpenHandler(v -> LOG.info("Storage circuit breaker half-open: probing PostgreSQL"));
    this.breaker.closeHandler(v -> LOG.info("Storage circuit breaker closed: PostgreSQL available"));
  }

  /** Runs statements outside a transaction (each statement auto-commits). */
  <T> Future<T> run(Function<SqlClient, Future<T>> work) {
    return guard(() -> work.apply(pool));
  }

  /** As {@link #run(Function)}; {@code settled} completes once the work is really over (see {@link #tx(Function, Promise)}). */
  <T> Future<T> run(Function<SqlClient, Future<T>> work, Promise<Void> settled) {
    return tracked(() -> work.apply(pool), settled);
  }

  /**
   * Runs {@code work} in one transaction: committed when its future succeeds, rolled back otherwise.
   * BEGIN/COMMIT are plain statements (not the client's managed transaction, which rolls back at the
   * first failed statement) so that work can recover from a failure with a savepoint.
   */
  <T> Future<T> tx(Function<SqlConnection, Future<T>> work) {
    return tx(work, null);
  }

  /**
   * As {@link #tx(Function)}; {@code settled}, when given, completes once the transaction is really
   * over and its connection returned (or was never started) — which can be later than the returned
   * future when the breaker timed it out. Whoever must not overlap two transactions waits on it.
   */
  <T> Future<T> tx(Function<SqlConnection, Future<T>> work, Promise<Void> settled) {
    return tracked(() -> pool.getConnection().compose(conn -> conn.query("BEGIN").execute()
        .compose(v -> work.apply(conn))
        .compose(
            r -> conn.query("COMMIT").execute().map(r),
            failure -> conn.query("ROLLBACK").execute().transform(v -> Future.<T>failedFuture(failure)))
        .eventually(conn::close)), settled);
  }

  private <T> Future<T> tracked(java.util.function.Supplier<Future<T>> work, Promise<Void> settled) {
    boolean[] started = {false};
    Future<T> result = guard(() -> {
      started[0] = true;
      Future<T> done;
      try {
        done = work.get();
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      if (settled != null) {
        done.onComplete(ar -> settled.tryComplete());
      }
      return done;
    });
    if (settled != null) {
      result.onComplete(ar -> {
        if (!started[0]) {
          settled.tryComplete(); // rejected by the open breaker: nothing ran
        }
      });
    }
    return result;
  }

  /** Runs CPU-heavy preparation of a statement's arguments on a worker thread, never on the event loop. */
  <T> Future<T> offLoop(java.util.concurrent.Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  /** The breaker's state: CLOSED (healthy), OPEN (failing fast), HALF_OPEN (probing). */
  CircuitBreakerState breakerState() {
    return breaker.state();
  }

  Future<Void> close() {
    breaker.close();
    return pool.close();
  }

  private <T> Future<T> guard(java.util.function.Supplier<Future<T>> work) {
    return breaker.<T>execute(() -> {
      try {
        return work.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }).recover(t -> Future.failedFuture(translate(t)));
  }

  /** Whether a failure is about reaching the database (counts for the breaker) rather than the request. */
  static boolean isInfrastructure(Throwable t) {
    if (t instanceof VersoException || t instanceof ClassCastException || t instanceof IllegalArgumentException
        || t instanceof NullPointerException || t instanceof IndexOutOfBoundsException
        || t instanceof io.vertx.sqlclient.TransactionRollbackException) {
      return false; // the request's (or our) fault, not the database's
    }
    if (t instanceof PgException pg) {
      String state = pg.getSqlState();
      // 08: connection exception, 53: insufficient resources, 57: operator intervention (shutdown), 58: system error
      return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
          || state.startsWith("58"));
    }
    return true;
  }

  /** Maps a failure to the error vocabulary: infrastructure → UNAVAILABLE; VersoException as is. */
  static Throwable translate(Throwable t) {
    if (t instanceof VersoException) {
      return t;
    }
    if (t instanceof OpenCircuitException) {
      return new VersoException(ErrorCode.UNAVAILABLE, "storage unavailable (circuit open)");
    }
    if (isInfrastructure(t)) {
      LOG.debug("database unavailable: {}", t.toString());
      return new VersoException(ErrorCode.UNAVAILABLE, "storage unavailable");
    }
    return t; // an unexpected SQL error: INTERNAL, logged once by Failures.fail
  }

  /** The SQLSTATE of a failure, or null. */
  static String sqlState(Throwable t) {
    return t instanceof PgException pg ? pg.getSqlState() : null;
  }

  static boolean isUniqueViolation(Throwable t) {
    return "23505".equals(sqlState(t));
  }

  static boolean isForeignKeyViolation(Throwable t) {
    return "23503".equals(sqlState(t));
  }

  static String constraint(Throwable t) {
    return t instanceof PgException pg ? pg.getConstraint() : null;
  }
}
