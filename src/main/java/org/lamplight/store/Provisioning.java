package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lamplight.auth.SecretHash;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.domain.org.Person;
import org.lamplight.store.AccountRepository.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** First-start set-up: the demo county with device credentials, and the first admin account. */
public final class Provisioning {

  private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);
  /** Where the demo devices' clear secrets are written once, for the simulator and for testers. */
  public static final String DEMO_CREDENTIALS_FILE = "demo-devices.csv";
  /** Where a generated password of the first admin account is written, readable by its owner only. */
  public static final String ADMIN_PASSWORD_FILE = "admin-password";

  private final Vertx vertx;
  private final Config config;
  private final OrgRepository org;
  private final AccountRepository accounts;

  public Provisioning(Vertx vertx, Config config, OrgRepository org, AccountRepository accounts) {
    this.vertx = vertx;
    this.config = config;
    this.org = org;
    this.accounts = accounts;
  }

  public Future<Void> run() {
    return ensureCounty().compose(v -> ensureAdmin());
  }

  private Future<Void> ensureCounty() {
    if (!config.get(Keys.DEMO_DATA)) {
      return Future.succeededFuture();
    }
    return org.isEmpty().compose(empty -> {
      if (!empty) {
        return Future.succeededFuture();
      }
      CountyGenerator generator = new CountyGenerator(config.get(Keys.DEMO_SEED));
      County county = generator.withExtraAuxiliaries(generator.generate(), config.get(Keys.DEMO_EXTRA_UNITS));
      List<String> secrets = county.people().stream().map(p -> SecretHash.randomSecret(18)).toList();
      int iterations = config.get(Keys.AUTH_DEVICE_HASH_ITERATIONS);
      // Hashing ~500 secrets is CPU work: keep it off the event loop, on both cores.
      return vertx.executeBlocking(() -> secrets.parallelStream().map(s -> SecretHash.hash(s, iterations)).toList())
          .compose(hashes -> org.saveIfEmpty(county, hashes))
          .compose(saved -> {
            if (saved) {
              LOG.info("demo county '{}' generated: {} stations, {} offices, {} workstations, {} people", county.name(),
                  county.stations().size(), county.offices().size(), county.workstations().size(), county.people().size());
              return vertx.executeBlocking(() -> writeCredentials(county.people(), secrets));
            }
            return Future.succeededFuture();
          })
          .mapEmpty();
    });
  }

  private Path writeCredentials(List<Person> people, List<String> secrets) throws IOException {
    Path file = Path.of(config.get(Keys.DATA_DIR)).resolve(DEMO_CREDENTIALS_FILE);
    StringBuilder csv = new StringBuilder("device_id,unit_id,secret\n");
    for (int i = 0; i < people.size(); i++) {
      csv.append(people.get(i).deviceId()).append(',').append(people.get(i).id()).append(',').append(secrets.get(i)).append('\n');
    }
    OwnerOnlyFile.write(file, csv.toString());
    LOG.info("demo device secrets written to {}", file.toAbsolutePath());
    return file;
  }

  private Future<Boolean> create(String adminPassword) {
    return vertx.executeBlocking(() -> SecretHash.hash(adminPassword, SecretHash.PASSWORD_ITERATIONS))
        .compose(hash -> accounts.createIfAbsent(new Account("admin", hash, "admin", List.of())));
  }

  private Future<Void> ensureAdmin() {
    return accounts.hasAdmin().compose(has -> {
      if (has) {
        return Future.succeededFuture();
      }
      String configured = config.get(Keys.ADMIN_PASSWORD);
      if (!configured.isBlank()) {
        return create(configured).mapEmpty();
      }
      // A generated password goes to a file, never to the log; kept before the account exists so it cannot be lost.
      String password = SecretHash.randomSecret(12);
      Path file = Path.of(config.get(Keys.DATA_DIR)).resolve(ADMIN_PASSWORD_FILE);
      return vertx.executeBlocking(() -> {
        OwnerOnlyFile.write(file, password + "\n");
        return null;
      }).compose(v -> create(password)).compose(created -> {
        if (created) {
          LOG.warn("created account 'admin'; its generated password is in {} (set LAMPLIGHT_ADMIN_PASSWORD to choose one)",
              file.toAbsolutePath());
          return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> Files.deleteIfExists(file)).mapEmpty(); // another node was first
      });
    });
  }

}
