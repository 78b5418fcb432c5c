package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.storage.UserCreateRequest;
import io.verso.protocol.storage.UserGetRequest;
import io.verso.protocol.storage.UserRecord;
import io.verso.protocol.storage.UserSearchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** User accounts (the password hash is computed by auth-service; stored as given). */
final class Users {
  private final Db db;

  Users(Db db) {
    this.db = db;
  }

  /** Creates a user with a random id; a taken username is CONFLICT "username taken". */
  Future<UserRecord> create(UserCreateRequest r) {
    UserRecord user = new UserRecord(Ids.random(), r.username(), r.displayName(), r.passwordHash());
    return db.run(c -> c.preparedQuery(Sql.INSERT_USER)
            .execute(Tuple.of(user.id(), user.username(), user.displayName(), user.passwordHash())))
        .map(v -> user)
        .recover(t -> Db.isUniqueViolation(t)
            ? Future.failedFuture(new VersoException(ErrorCode.CONFLICT, "username taken"))
            : Future.failedFuture(t));
  }

  Future<UserRecord> get(UserGetRequest r) {
    boolean byId = r.id() != null;
    return db.run(c -> c.preparedQuery(byId ? Sql.USER_BY_ID : Sql.USER_BY_NAME)
        .execute(Tuple.of(byId ? r.id() : r.username()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new VersoException(ErrorCode.NOT_FOUND, "no such user"));
          }
          Row u = rows.iterator().next();
          return Future.succeededFuture(new UserRecord(u.getString("id"), u.getString("username"),
              u.getString("display_name"), u.getString("password_hash")));
        }));
  }

  /** Users whose username or display name starts with the query, case-insensitive: at most its limit. */
  Future<List<UserSearchRequest.Match>> search(UserSearchRequest r) {
    String pattern = likeEscaped(r.q().toLowerCase(Locale.ROOT)) + "%";
    return db.run(c -> c.preparedQuery(Sql.USER_SEARCH).execute(Tuple.of(pattern, r.limit())).map(rows -> {
      List<UserSearchRequest.Match> out = new ArrayList<>();
      for (Row u : rows) {
        out.add(new UserSearchRequest.Match(u.getString("username"), u.getString("display_name")));
      }
      return out;
    }));
  }

  /** The query taken literally: LIKE's wildcards and its escape character escaped. */
  static String likeEscaped(String q) {
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
