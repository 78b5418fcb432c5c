package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.storage.RefreshCreateRequest;
import io.verso.protocol.storage.RefreshRevokeRequest;
import io.verso.protocol.storage.RefreshRotateRequest;
import io.verso.protocol.storage.RefreshRotateResult;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Refresh tokens (stored hashed by auth-service), rotated on every use; presenting an already used
 * token is theft: the whole family is revoked (committed) and the caller gets UNAUTHENTICATED.
 * One exception, the grace window: the token rotated last, presented again shortly after its
 * rotation together with the same successor (auth-service derives the successor from the token, so
 * a second presentation names it again), is answered like the first time (two tabs of one browser
 * refreshing at once). An older token, another successor or a later presentation is still reuse.
 */
final class RefreshTokens {
  private final Db db;

  RefreshTokens(Db db) {
    this.db = db;
  }

  Future<Void> create(RefreshCreateRequest r) {
    return db.run(c -> c.preparedQuery(Sql.INSERT_REFRESH)
            .execute(Tuple.of(r.tokenHash(), r.familyId(), r.userId(), time(r.expiresAt()))))
        .<Void>mapEmpty()
        .recover(t -> Db.isUniqueViolation(t)
            ? Future.failedFuture(new VersoException(ErrorCode.CONFLICT, "token hash exists"))
            : Future.failedFuture(t));
  }

  /** Rotates in one transaction under a row lock; the reuse revocation commits before the failure. */
  Future<RefreshRotateResult> rotate(RefreshRotateRequest r) {
    return db.tx(c -> c.preparedQuery(Sql.LOCK_REFRESH).execute(Tuple.of(r.tokenHash(), r.graceMs())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Outcome.fail("unknown refresh token"));
      }
      Row t = rows.iterator().next();
      String family = t.getString("family_id");
      String user = t.getString("user_id");
      if (t.getBoolean("revoked")) {
        return Future.succeededFuture(Outcome.fail("refresh token revoked"));
      }
      if (t.getBoolean("used")) {
        Future<Boolean> repeat = r.graceMs() > 0 && t.getBoolean("in_grace")
            ? c.preparedQuery(Sql.LIVE_SUCCESSOR).execute(Tuple.of(r.newTokenHash(), family)).map(s -> s.size() > 0)
            : Future.succeededFuture(false);
        return repeat.compose(same -> same
            ? Future.succeededFuture(new Outcome(new RefreshRotateResult(user, family), null))
            : c.preparedQuery(Sql.REVOKE_FAMILY).execute(Tuple.of(family)).map(v -> Outcome.fail("refresh token reuse")));
      }
      if (t.getBoolean("expired")) {
        return Future.succeededFuture(Outcome.fail("refresh token expired"));
      }
      return c.preparedQuery(Sql.MARK_REFRESH_USED).execute(Tuple.of(r.tokenHash()))
          .compose(v -> c.preparedQuery(Sql.INSERT_REFRESH)
              .execute(Tuple.of(r.newTokenHash(), family, user, time(r.expiresAt()))))
          .map(v -> new Outcome(new RefreshRotateResult(user, family), null));
    })).recover(t -> Db.isUniqueViolation(t)
        ? Future.failedFuture(new VersoException(ErrorCode.CONFLICT, "new token hash exists"))
        : Future.failedFuture(t))
        .compose(o -> o.failure == null
            ? Future.succeededFuture(o.result)
            : Future.failedFuture(new VersoException(ErrorCode.UNAUTHENTICATED, o.failure)));
  }

  /** Revokes the family (given, or of the given token); the family's user id, or null when none matched. */
  Future<String> revoke(RefreshRevokeRequest r) {
    return db.tx(c -> {
      Future<String> family = r.familyId() != null
          ? Future.succeededFuture(r.familyId())
          : c.preparedQuery(Sql.FAMILY_OF_TOKEN).execute(Tuple.of(r.tokenHash()))
              .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
      return family.compose(f -> f == null
          ? Future.succeededFuture((String) null)
          : c.preparedQuery(Sql.REVOKE_FAMILY).execute(Tuple.of(f))
              .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0)));
    });
  }

  private static OffsetDateTime time(long epochMs) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
  }

  private record Outcome(RefreshRotateResult result, String failure) {
    static Outcome fail(String message) {
      return new Outcome(null, message);
    }
  }
}
