package io.verso.app;

import io.verso.auth.AccountRules;
import io.verso.auth.AuthConfig;
import io.verso.auth.PasswordHasher;
import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.storage.UserCreateRequest;
import io.verso.protocol.storage.UserRecord;
import io.verso.storage.StorageConfig;
import io.verso.storage.StorageLauncher;
import io.verso.storage.StorageVerticle;
import io.verso.storage.embedded.PostgresServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar verso.jar add-user --username NAME [--display-name NAME]} and the storage options
 * of a node ({@code --pg-url}, {@code --data-dir}, {@code --config}, or their environment
 * variables): makes an account without signing up, which is how accounts are made when sign-up is
 * closed. The password comes from the console without echo, or from the first line of stdin (for
 * scripts: {@code printf '%s\n' "$PW" | java -jar verso.jar add-user ...}); it is hashed with the
 * configured argon2 parameters and the user is created through storage-service on the same
 * database the nodes use. With the embedded database, a node already running on the data directory
 * is joined (its PostgreSQL is used as is), otherwise the embedded server is started for the
 * command and stopped after it.
 */
public final class AddUser {
  public static final String COMMAND = "add-user";
  private static final long TIMEOUT_S = 180;

  private AddUser() {}

  /** Runs the command; the process exit code (0 created, 1 failed, 2 bad arguments). */
  public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
    String username = null;
    String displayName = null;
    List<String> rest = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        if (name.equals("--username") || name.equals("--display-name")) {
          String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : null);
          if (value == null) {
            throw new IllegalArgumentException(name + " needs a value");
          }
          if (name.equals("--username")) {
            username = value;
          } else {
            displayName = value;
          }
        } else {
          rest.add(a);
        }
      }
      if (username == null) {
        throw new IllegalArgumentException("--username is required");
      }
      username = AccountRules.checkUsername(username);
      displayName = AccountRules.checkDisplayName(displayName == null ? username : displayName);
      AppOptions options = AppOptions.parse(rest.toArray(String[]::new), env);
      String password = readPassword(stdin, out);
      AccountRules.checkPassword(password);
      return create(options, username, displayName, password, out, err);
    } catch (IllegalArgumentException | io.verso.protocol.VersoException e) {
      err.println("verso add-user: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("verso add-user: cannot read the password: " + e.getMessage());
      return 2;
    }
  }

  private static String readPassword(InputStream stdin, PrintStream out) throws IOException {
    Console console = stdin == System.in ? System.console() : null;
    if (console != null) {
      char[] pw = console.readPassword("Password for the new user: ");
      if (pw == null) {
        throw new IOException("no password given");
      }
      return new String(pw);
    }
    String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new IOException("no password on stdin");
    }
    return line; // only the line break is dropped: spaces belong to the password
  }

  private static int create(AppOptions options, String username, String displayName, String password,
                            PrintStream out, PrintStream err) {
    Vertx vertx = Vertx.vertx();
    StorageLauncher launcher = new StorageLauncher(vertx);
    try {
      JsonObject config = options.serviceConfig();
      AuthConfig auth = AuthConfig.from(config);
      PasswordHasher hasher = new PasswordHasher(auth.argon2MemoryKiB(), auth.argon2Iterations(), auth.argon2Parallelism());
      UserRecord user = vertx.executeBlocking(() -> storageConfig(config))
          .compose(launcher::resolve)
          .compose(cfg -> vertx.deployVerticle(new StorageVerticle(), new DeploymentOptions().setConfig(cfg)))
          .compose(id -> vertx.executeBlocking(() -> hasher.hash(password)))
          .compose(hash -> vertx.eventBus().<JsonObject>request(Addresses.STORAGE_USER_CREATE,
              new UserCreateRequest(username, displayName, hash).toJson()))
          .map(Message::body)
          .map(UserRecord::fromJson)
          .toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
      out.println("created user " + user.username() + " (" + user.displayName() + "), id " + user.id());
      return 0;
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      err.println("verso add-user: " + (Failures.codeOf(cause) == ErrorCode.CONFLICT
          ? "the username " + username + " is taken" : cause.getMessage()));
      return 1;
    } catch (Exception e) {
      err.println("verso add-user: " + e);
      return 1;
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
      launcher.close(); // the embedded server, only if this command started it
    }
  }

  /**
   * The storage config: {@code pg.uri} when one is configured or an embedded server is already
   * running on the data directory (a live node's: joined, never stopped); otherwise as is, so the
   * launcher starts the embedded server for this command.
   */
  private static JsonObject storageConfig(JsonObject config) {
    StorageConfig storage = StorageConfig.from(config);
    if (storage.pgUri() != null) {
      return config;
    }
    String running = PostgresServer.runningUri(storage.embeddedHome(), "verso");
    return running == null ? config : config.copy().put("pg.uri", running);
  }
}
