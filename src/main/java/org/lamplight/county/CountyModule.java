package org.lamplight.county;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.lamplight.config.Keys;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.platform.VersionFollower;
import org.lamplight.store.Versions;

/**
 * The county this node serves, kept current at run time: loaded at start, loaded again whenever
 * its stored version is newer (a change on this node or another, an import from the command
 * line), and replaced at once for every part of the node that reads it ({@link CurrentCounty}).
 */
public final class CountyModule implements Module {

  /** {@code long}: the county's new version, published by the node that stored it. */
  public static final String CHANGED = "lamplight.county.changed";

  private final CountyRepository repository;
  private final CountyImport imports;
  private final CurrentCounty current;
  private final VersionFollower follower;

  private CountyModule(Platform platform, CountyRepository repository, CountyImport imports, Versions versions,
                       CurrentCounty current) {
    this.repository = repository;
    this.imports = imports;
    this.current = current;
    Vertx vertx = platform.vertx();
    this.follower = new VersionFollower("county", CHANGED, platform.config().get(Keys.ADMIN_CHECK_INTERVAL),
        current.version(), () -> versions.get(Versions.COUNTY),
        version -> repository.load().compose(county -> vertx.executeBlocking(() -> {
          county.villageIndex(); // built here, not by the first fix that asks
          current.replace(version, county);
          return null;
        }, false)));
  }

  /** Reads the county as stored now (its version first, so a change meanwhile is loaded again later). */
  public static Future<CountyModule> load(Platform platform, CountyRepository repository, CountyImport imports) {
    Versions versions = new Versions(platform.pool());
    return versions.get(Versions.COUNTY).compose(version -> repository.load()
        .map(county -> new CountyModule(platform, repository, imports, versions, new CurrentCounty(version, county))));
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    return deployer.deploy(() -> follower, 1);
  }

  public CurrentCounty current() {
    return current;
  }

  public CountyRepository repository() {
    return repository;
  }

  public CountyImport imports() {
    return imports;
  }

  /** Loads the stored county if it is newer than the one held; completes once it is held. */
  public Future<Void> catchUp() {
    return follower.catchUp();
  }

  /**
   * This node stored a change: hold it, and tell every other node. Completes once this node holds
   * it or could not load it (logged): the change is stored either way, and the answer to it (with
   * a new device secret, shown only there) must not be lost for that; every node loads it at its
   * next check.
   */
  public Future<Void> changed() {
    return follower.changed().otherwiseEmpty();
  }
}
