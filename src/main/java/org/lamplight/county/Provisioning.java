package org.lamplight.county;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.lamplight.platform.RandomSecrets;
import org.lamplight.auth.SecretHash;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.platform.OwnerOnlyFile;
import org.lamplight.store.AccountRepository;
import org.lamplight.store.AccountRepository.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First-start set-up: the demo county, when the database holds no county yet (generated as a
 * bundle and imported the way a real county is), and the first admin account.
 */
public final class Provisioning {

  private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);
  /** Where the demo devices' clear secrets are written once, for the simulator and for testers. */
  public static final String DEMO_CREDENTIALS_FILE = "demo-devices.csv";
  /** The generated demo bundle, kept as an example of the format. */
  public static final String DEMO_BUNDLE_DIR = "demo-county";
  private static final String DEMO_REPORT_FILE = "demo-import.txt";
  /** Where a generated password of the first admin account is written, readable by its owner only. */
  public static final String ADMIN_PASSWORD_FILE = "admin-password";

  private final Vertx vertx;
  private final Config config;
  private final CountyRepository county;
  private final CountyImport imports;
  private final AccountRepository accounts;

  public Provisioning(Vertx vertx, Config config, CountyRepository county, CountyImport imports,
                      AccountRepository accounts) {
    this.vertx = vertx;
    this.config = config;
    this.county = county;
    this.imports = imports;
    this.accounts = accounts;
  }

  public Future<Void> run() {
    return ensureCounty().compose(v -> ensureAdmin());
  }

  private Future<Void> ensureCounty() {
    if (!config.get(Keys.DEMO_DATA)) {
      return Future.succeededFuture();
    }
    return county.isEmpty().compose(empty -> empty ? generateDemo() : Future.succeededFuture());
  }

  /** Nodes starting together both import the same bundle: the second finds nothing to change. */
  private Future<Void> generateDemo() {
    Path dataDir = Path.of(config.get(Keys.DATA_DIR));
    Path bundle = dataDir.resolve(DEMO_BUNDLE_DIR);
    return vertx.executeBlocking(() -> {
      CountyGenerator generator = new CountyGenerator(config.get(Keys.DEMO_SEED));
      County demo = generator.withExtraAuxiliaries(generator.generate(), config.get(Keys.DEMO_EXTRA_UNITS));
      BundleWriter.write(demo, bundle);
      return demo;
    }, false).compose(demo -> imports.run(new BundleSource.Directory(bundle),
            new ImportOptions(false, false, dataDir.resolve(DEMO_REPORT_FILE), dataDir.resolve(DEMO_CREDENTIALS_FILE), "provisioning"),
            ImportProgress.NONE)
        .compose(result -> {
          if (result instanceof ImportResult.Refused refused) {
            return Future.failedFuture(new IllegalStateException("the generated demo county is not a valid bundle: "
                + refused.problems().stream().limit(5).map(Problem::describe).collect(Collectors.joining("; "))));
          }
          LOG.info("demo county '{}' generated and imported from {}: {} stations, {} offices, {} workstations, {} people",
              demo.name(), bundle, demo.stations().size(), demo.offices().size(), demo.workstations().size(),
              demo.people().size());
          Path secrets = ((ImportResult.Done) result).secrets();
          if (secrets != null) {
            LOG.info("demo device secrets written to {}", secrets.toAbsolutePath());
          }
          return Future.<Void>succeededFuture();
        }));
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
      String password = RandomSecrets.generate(12);
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
