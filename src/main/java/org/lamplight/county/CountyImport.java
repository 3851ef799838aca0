package org.lamplight.county;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lamplight.auth.SecretHash;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.county.CountyRepository.Kind;
import org.lamplight.county.CountyRepository.Session;
import org.lamplight.domain.Refusal;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.Workstation;
import org.lamplight.platform.RandomSecrets;
import org.lamplight.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a county bundle: read, validate, compare with what is stored, then write all of it or
 * nothing in one transaction. Rows are matched by code; what changed is updated, what is new is
 * added (a new device gets a generated secret, hashed as every device secret is, its clear text
 * written once to the secrets file); what the bundle no longer has is kept unless pruning, and a
 * person holding an open incident is never retired. The demo county, the command line, the
 * REST API and every administrator's change to the county go through here; each stored change
 * bumps the county's version and writes its audit entry in the same transaction.
 */
public final class CountyImport {

  private static final Logger LOG = LoggerFactory.getLogger(CountyImport.class);
  /** Secret length in random bytes, as the API issues them. */
  private static final int SECRET_BYTES = 18;

  private final Vertx vertx;
  private final CountyRepository repository;
  private final int hashIterations;
  private final long maxFileBytes;
  private final long maxBundleBytes;

  public CountyImport(Vertx vertx, CountyRepository repository, int hashIterations, long maxFileBytes,
                      long maxBundleBytes) {
    this.vertx = vertx;
    this.repository = repository;
    this.hashIterations = hashIterations;
    this.maxFileBytes = maxFileBytes;
    this.maxBundleBytes = maxBundleBytes;
  }

  /** With the hash cost and the file and bundle bounds of the configuration. */
  public static CountyImport configured(Vertx vertx, CountyRepository repository, Config config) {
    return new CountyImport(vertx, repository, config.get(Keys.AUTH_DEVICE_HASH_ITERATIONS),
        config.get(Keys.IMPORT_MAX_FILE_MB) * 1024L * 1024L, config.get(Keys.IMPORT_MAX_BUNDLE_MB) * 1024L * 1024L);
  }

  public Future<ImportResult> run(BundleSource source, ImportOptions options, ImportProgress progress) {
    return vertx.executeBlocking(() -> {
      progress.report("reading", 0, 0);
      Bundle bundle = BundleReader.read(BundleFiles.read(source, maxFileBytes, maxBundleBytes));
      progress.report("validating", 0, 0);
      return BundleValidator.validate(bundle);
    }, false).compose(validation -> validation instanceof Validation.Valid valid
        ? apply(valid.county(), valid.hasRoads(), source, options, progress, null,
            summary -> new AuditLog.Entry(options.actor(), "county", "county.import", source.describe(),
                new JsonObject().put("prune", options.prune()).put("summary", summaryJson(summary))))
        : Future.succeededFuture(new ImportResult.Refused(((Validation.Invalid) validation).problems())));
  }

  /**
   * Stores an administrator's change: {@code county} is the whole county with the change made (and
   * checked), compared with what is stored as an import with pruning would be. Refused with
   * {@link StaleCountyException} when the stored county is no longer at {@code basedOn} (another
   * change came first): the caller catches up and tries again.
   */
  public Future<ImportResult.Done> store(County county, long basedOn, AuditLog.Entry audit) {
    return apply(county, false, null, new ImportOptions(false, true, null, null, audit.actor()), ImportProgress.NONE,
        basedOn, summary -> audit).map(ImportResult.Done.class::cast);
  }

  /** Thrown inside a change's transaction when the county changed since the change was checked. */
  public static final class StaleCountyException extends RuntimeException implements Refusal {
    StaleCountyException(long basedOn, long stored) {
      super("the county changed meanwhile (version " + stored + ", the change was made on " + basedOn + ")", null,
          false, false);
    }
  }

  /** Thrown inside a change's transaction that would retire a person (or a device of one) holding an open incident. */
  public static final class HeldException extends RuntimeException implements Refusal {
    HeldException(List<String> held) {
      super(String.join(", ", held) + " holds an open incident", null, false, false);
    }
  }

  private Future<ImportResult> apply(County county, boolean hasRoads, BundleSource source, ImportOptions options,
                                     ImportProgress progress, Long basedOn,
                                     Function<ImportSummary, AuditLog.Entry> audit) {
    boolean[] secretsWritten = {false};
    return repository.<ImportResult>importing(session -> session.lockVersion()
            .onSuccess(v -> progress.report("loading the stored county", 0, 0))
            .compose(stored -> basedOn == null || basedOn == stored ? Future.succeededFuture()
                : Future.failedFuture(new StaleCountyException(basedOn, stored)))
            .compose(v -> session.busyPeople())
            .compose(busy -> session.current().compose(rows -> vertx.executeBlocking(
                () -> new Plan(rows.parse(), county, hasRoads, options.prune(), busy), false)))
            .compose(plan -> {
              progress.report("compared", 0, 0);
              if (!plan.problems.isEmpty()) {
                return Future.succeededFuture(new ImportResult.Refused(plan.problems));
              }
              List<String> held = new ArrayList<>(plan.people.kept());
              held.addAll(plan.devices.kept());
              if (basedOn != null && !held.isEmpty()) {
                return Future.failedFuture(new HeldException(held));
              }
              if (options.check()) {
                return Future.succeededFuture(new ImportResult.Done(plan.summary(plan.devices.added().size()), false,
                    null, null, IssuedSecrets.NONE, 0));
              }
              Map<Device, String> secrets = new LinkedHashMap<>();
              plan.devices.added().forEach(d -> secrets.put(d, RandomSecrets.generate(SECRET_BYTES)));
              ImportSummary summary = plan.summary(secrets.size());
              // The secrets file is written before the commit, and deleted if the commit fails.
              return write(session, plan, secrets, progress)
                  .compose(v -> session.bumpVersion())
                  .compose(version -> session.audit(audit.apply(summary)).map(version))
                  .compose(version -> secrets.isEmpty() || options.secrets() == null
                      ? Future.succeededFuture(version)
                      : vertx.executeBlocking(() -> {
                        SecretsFile.write(options.secrets(), secrets);
                        secretsWritten[0] = true;
                        return version;
                      }, false))
                  .map(version -> new ImportResult.Done(summary, true, options.report(),
                      secrets.isEmpty() ? null : options.secrets(), issued(secrets, options), version));
            }))
        .onFailure(e -> {
          if (secretsWritten[0]) {
            deleteQuietly(options.secrets()); // the transaction did not commit: those devices do not exist
          }
        })
        .compose(result -> result instanceof ImportResult.Done done && done.written() && options.report() != null
            ? vertx.executeBlocking(() -> report(source, options, done), false)
                .otherwise(e -> {
                  // the import itself committed: a report that could not be written does not undo it
                  LOG.warn("county imported, but its report could not be written to {}: {}", options.report(),
                      e.getMessage());
                  return null;
                })
                .map(result)
            : Future.succeededFuture(result));
  }

  private static IssuedSecrets issued(Map<Device, String> secrets, ImportOptions options) {
    if (options.secrets() != null || secrets.isEmpty()) {
      return IssuedSecrets.NONE;
    }
    Map<String, String> byDevice = new LinkedHashMap<>();
    secrets.forEach((d, secret) -> byDevice.put(d.id(), secret));
    return new IssuedSecrets(byDevice);
  }

  /** The summary as the audit log and the API show it. */
  public static JsonObject summaryJson(ImportSummary summary) {
    JsonObject kinds = new JsonObject();
    summary.kinds().forEach(c -> kinds.put(c.kind(), new JsonObject().put("added", c.added()).put("changed", c.changed())
        .put("unchanged", c.unchanged()).put("removed", c.removed()).put("kept", c.kept())));
    return new JsonObject().put("kinds", kinds).put("keptOnIncidents", new JsonArray(summary.keptOnIncidents()))
        .put("newSecrets", summary.newSecrets());
  }

  /** Hashes the new secrets (off the event loop, on every core), then writes the plan. */
  private Future<Void> write(Session session, Plan plan, Map<Device, String> secrets, ImportProgress progress) {
    AtomicLong hashed = new AtomicLong();
    return vertx.executeBlocking(() -> secrets.entrySet().parallelStream().collect(Collectors.toMap(
            e -> e.getKey().id(), e -> {
              String hash = SecretHash.hash(e.getValue(), hashIterations);
              long done = hashed.incrementAndGet();
              if (done % 100 == 0 || done == secrets.size()) {
                progress.report("hashing device secrets", done, secrets.size());
              }
              return hash;
            })), false)
        .compose(hashes -> {
          List<Area> areas = new ArrayList<>(plan.areas.written());
          areas.sort(Comparator.comparingInt(a -> a.level().ordinal()));
          progress.report("writing areas", areas.size(), areas.size());
          return session.upsertAreas(areas)
              .compose(v -> step(progress, "writing stations", plan.stations.written(), session::upsertStations))
              .compose(v -> step(progress, "writing offices", plan.offices.written(), session::upsertOffices))
              .compose(v -> step(progress, "writing workstations", plan.workstations.written(), session::upsertWorkstations))
              .compose(v -> step(progress, "writing people", plan.people.written(), session::upsertPeople))
              .compose(v -> step(progress, "writing devices", plan.devices.added(),
                  devices -> session.upsertDevicesWithSecrets(devices, hashes)))
              .compose(v -> session.moveDevices(plan.devices.changed()))
              .compose(v -> session.retire(Kind.DEVICES, plan.devices.removed()))
              .compose(v -> session.retire(Kind.PEOPLE, plan.people.removed()))
              .compose(v -> session.retire(Kind.WORKSTATIONS, plan.workstations.removed()))
              .compose(v -> session.retire(Kind.OFFICES, plan.offices.removed()))
              .compose(v -> session.retire(Kind.STATIONS, plan.stations.removed()))
              .compose(v -> session.retire(Kind.AREAS, plan.areas.removed()))
              .compose(v -> plan.replaceRoads ? step(progress, "writing roads", plan.roads, session::replaceRoads)
                  : Future.succeededFuture());
        });
  }

  private static <T> Future<Void> step(ImportProgress progress, String stage, List<T> rows,
                                       Function<List<T>, Future<Void>> write) {
    progress.report(stage, rows.size(), rows.size());
    return write.apply(rows);
  }

  private Void report(BundleSource source, ImportOptions options, ImportResult.Done done) throws IOException {
    Files.createDirectories(options.report().toAbsolutePath().getParent());
    StringBuilder text = new StringBuilder()
        .append("Lamplight county import, ").append(Instant.now()).append('\n')
        .append("bundle: ").append(source.describe()).append('\n')
        .append("pruned: ").append(options.prune() ? "yes" : "no").append("\n\n")
        .append(done.summary().table());
    if (done.secrets() != null) {
      text.append('\n').append(done.summary().newSecrets()).append(" new device secrets in ")
          .append(done.secrets().getFileName()).append(" (readable by its owner only; hand them out, then delete it)\n");
    }
    Files.writeString(options.report(), text);
    LOG.info("county imported from {}: report in {}", source.describe(), options.report().toAbsolutePath());
    return null;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete {} after a failed import: {}", file, e.getMessage());
    }
  }

  /** The bundle's county compared with what is stored, kind by kind. */
  private static final class Plan {
    final Changes<Area> areas;
    final Changes<Station> stations;
    final Changes<Office> offices;
    final Changes<Workstation> workstations;
    final Changes<Person> people;
    final Changes<Device> devices;
    final List<Road> roads;
    final boolean replaceRoads;
    final ImportSummary.Counts roadCounts;
    final boolean prune;
    /** What makes the bundle unfit for what is stored: then nothing is written. */
    final List<Problem> problems;

    Plan(StoredCounty stored, County county, boolean hasRoads, boolean prune, Set<String> busyPeople) {
      this.prune = prune;
      areas = Changes.of(stored.areas(), county.areas(), Area::code, prune, Set.of());
      stations = Changes.of(stored.stations(), county.stations(), Station::id, prune, Set.of());
      offices = Changes.of(stored.offices(), county.offices(), Office::id, prune, Set.of());
      workstations = Changes.of(stored.workstations(), county.workstations(), Workstation::id, prune, Set.of());
      people = Changes.of(stored.people(), county.people(), Person::id, prune, busyPeople);
      Set<String> busyDevices = new HashSet<>();
      stored.devices().forEach((id, d) -> {
        if (busyPeople.contains(d.value().personId())) {
          busyDevices.add(id);
        }
      });
      devices = Changes.of(stored.devices(), county.devices(), Device::id, prune, busyDevices);
      problems = doublyCovered(stored, county, offices.kept());
      roads = county.roads();
      List<Road> before = stored.roads();
      replaceRoads = hasRoads && !sameRoads(before, roads);
      if (!hasRoads) {
        roadCounts = new ImportSummary.Counts("roads", 0, 0, 0, 0, before.size());
      } else {
        int same = common(before, roads);
        roadCounts = new ImportSummary.Counts("roads", roads.size() - same, 0, same, before.size() - same, 0);
      }
    }

    /**
     * An office kept because the bundle leaves it out keeps its villages: one the bundle gives to
     * another office would be covered twice: evaluated in both, and which office it belongs to would
     * depend on the order of rows.
     */
    private static List<Problem> doublyCovered(StoredCounty stored, County county, List<String> keptOffices) {
      List<Problem> out = new ArrayList<>();
      for (String id : keptOffices) {
        for (String village : stored.offices().get(id).value().villageIds()) {
          county.officeCovering(village).ifPresent(o -> out.add(Problem.ofFile(BundleFile.OFFICES, "'" + village
              + "' of office '" + o.id() + "' is still covered by office '" + id + "', which this bundle leaves out;"
              + " import with --prune, or list '" + id + "' without '" + village + "'")));
        }
      }
      return out;
    }

    ImportSummary summary(int newSecrets) {
      // when pruning, the people kept are those an open incident holds
      List<String> keptOnIncidents = prune ? people.kept() : List.of();
      return new ImportSummary(List.of(areas.counts("areas"), stations.counts("stations"), offices.counts("offices"),
          workstations.counts("workstations"), people.counts("people"), devices.counts("devices"), roadCounts),
          keptOnIncidents, newSecrets);
    }
  }

  /** Roads have no code of their own: they are the same when name, kind and points are. */
  private static boolean sameRoads(List<Road> a, List<Road> b) {
    return a.size() == b.size() && common(a, b) == a.size();
  }

  private static int common(List<Road> before, List<Road> after) {
    Map<List<Object>, Integer> counts = new LinkedHashMap<>();
    before.forEach(r -> counts.merge(List.of(r.name(), r.kind(), r.points()), 1, Integer::sum));
    int same = 0;
    for (Road r : after) {
      Integer n = counts.get(List.of(r.name(), r.kind(), r.points()));
      if (n != null && n > 0) {
        counts.put(List.of(r.name(), r.kind(), r.points()), n - 1);
        same++;
      }
    }
    return same;
  }
}
