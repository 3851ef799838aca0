package org.lamplight.county;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.Set;
import java.util.function.Supplier;
import org.lamplight.county.Bundle.AreaRow;
import org.lamplight.county.Bundle.DeviceRow;
import org.lamplight.county.Bundle.OfficeRow;
import org.lamplight.county.Bundle.PersonRow;
import org.lamplight.county.Bundle.StationRow;
import org.lamplight.county.Bundle.WorkstationRow;
import org.lamplight.county.CountyRepository.StoredObject;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.Workstation;
import org.lamplight.store.AuditLog;

/**
 * An administrator's change to one of the county's objects: created, updated, retired or
 * restored. The change is made to the whole county as this node holds it, and the result is
 * checked by the bundle's rules ({@link BundleValidator}) as an import would be: problems of the
 * changed object are the caller's bad input; problems it makes elsewhere (an office whose station
 * is retired) are a conflict. Then it is stored like an import with pruning, in one transaction
 * with its audit entry and a new county version; if another change came first, the change is made
 * again on the county that change left.
 */
public final class CountyEditor {

  /** Tries before giving up on a county that keeps changing under a change. */
  private static final int TRIES = 3;

  /** What to change. */
  public sealed interface Change {
    CountyKind kind();

    String code();
  }

  /** Creates ({@code create}) or replaces the object {@code value}. */
  public record Put(CountyKind kind, Object value, boolean create) implements Change {
    public Put {
      kind.check(value);
    }

    @Override
    public String code() {
      return kind.code(value);
    }
  }

  /** Retires the object: it stays for history, and the county no longer has it. */
  public record Retire(CountyKind kind, String code) implements Change {
  }

  /** Brings a retired object back as it was. */
  public record Restore(CountyKind kind, String code) implements Change {
  }

  /**
   * A stored change.
   *
   * @param before the object before (null for a creation)
   * @param after the object after (null for a retirement)
   */
  public record Edited(Object before, Object after, ImportResult.Done done) {
  }

  /** Why a change was refused; nothing was stored. */
  public static final class RefusedException extends RuntimeException {

    /** NOT_FOUND: no such object; INVALID: the object itself breaks a rule; CONFLICT: it breaks others. */
    public enum Reason { NOT_FOUND, INVALID, CONFLICT }

    private final Reason reason;
    private final List<Problem> problems;

    RefusedException(Reason reason, String message, List<Problem> problems) {
      super(message, null, false, false);
      this.reason = reason;
      this.problems = List.copyOf(problems);
    }

    public Reason reason() {
      return reason;
    }

    /** The rules broken, each with its field (a bundle column); empty when the message says all. */
    public List<Problem> problems() {
      return problems;
    }
  }

  private final Vertx vertx;
  private final CurrentCounty current;
  private final CountyRepository repository;
  private final CountyImport imports;
  private final Supplier<Future<Void>> catchUp;

  /** @param catchUp loads the stored county if it is newer than the one held */
  public CountyEditor(Vertx vertx, CurrentCounty current, CountyRepository repository, CountyImport imports,
                      Supplier<Future<Void>> catchUp) {
    this.vertx = vertx;
    this.current = current;
    this.repository = repository;
    this.imports = imports;
    this.catchUp = catchUp;
  }

  /**
   * Checks and stores {@code change}; {@code audit} makes its audit entry from the object before
   * and after. Fails with {@link RefusedException} when the change breaks a rule.
   */
  public Future<Edited> edit(Change change, BiFunction<Object, Object, AuditLog.Entry> audit) {
    return attempt(change, audit, 1);
  }

  private Future<Edited> attempt(Change change, BiFunction<Object, Object, AuditLog.Entry> audit, int tryNo) {
    County county = current.get();
    long version = current.version();
    // only a creation (is the code taken by a retired one?) and a restoration read the retired rows
    boolean readsRetired = change instanceof Restore || change instanceof Put put && put.create();
    Future<Optional<StoredObject>> stored = !readsRetired ? Future.succeededFuture(Optional.empty())
        : repository.all(change.kind()).map(all -> all.stream()
            .filter(o -> change.kind().code(asRow(o.value())).equals(change.code())).findFirst()
            .map(o -> new StoredObject(asRow(o.value()), o.retired())));
    return stored.compose(row -> vertx.executeBlocking(() -> plan(county, change, row), false))
        .compose(planned -> imports.store(planned.county, version, audit.apply(planned.before, planned.after))
            .map(done -> new Edited(planned.before, planned.after, done)))
        .recover(e -> e instanceof CountyImport.StaleCountyException && tryNo < TRIES
            ? catchUp.get().compose(v -> attempt(change, audit, tryNo + 1))
            : Future.failedFuture(e instanceof CountyImport.HeldException held
                ? new RefusedException(RefusedException.Reason.CONFLICT, held.getMessage(), List.of()) : e));
  }

  private record Planned(County county, Object before, Object after) {
  }

  /** The county with the change made, checked; or a refusal. */
  private Planned plan(County county, Change change, Optional<StoredObject> stored) {
    Rows rows = new Rows(county);
    CountyKind kind = change.kind();
    String code = change.code();
    Object before = rows.find(kind, code);
    Object after;
    if (change instanceof Put put) {
      after = put.value();
      if (put.create()) {
        if (before != null || stored.isPresent()) {
          boolean retired = before == null;
          throw new RefusedException(RefusedException.Reason.CONFLICT, kind.one() + " '" + code + "' exists"
              + (retired ? " (retired: restore it instead)" : ""), List.of());
        }
        rows.add(kind, after);
      } else {
        rows.replace(kind, code, exists(kind, code, before));
        rows.add(kind, after);
      }
    } else if (change instanceof Retire) {
      rows.replace(kind, code, exists(kind, code, before));
      after = null;
    } else {
      if (before != null) {
        throw new RefusedException(RefusedException.Reason.CONFLICT, kind.one() + " '" + code + "' is not retired",
            List.of());
      }
      StoredObject retired = stored.orElseThrow(() -> notFound(kind, code));
      after = retired.value();
      rows.add(kind, after);
    }
    Validation validation = BundleValidator.validate(rows.bundle());
    if (validation instanceof Validation.Invalid invalid) {
      throw refusal(kind, code, rows, invalid.problems());
    }
    return new Planned(((Validation.Valid) validation).county(), before, after);
  }

  private static Object exists(CountyKind kind, String code, Object found) {
    if (found == null) {
      throw notFound(kind, code);
    }
    return found;
  }

  private static RefusedException notFound(CountyKind kind, String code) {
    return new RefusedException(RefusedException.Reason.NOT_FOUND, kind.one() + " '" + code + "' not found", List.of());
  }

  /** Problems of the changed object are bad input; problems elsewhere mean the change conflicts with them. */
  private static RefusedException refusal(CountyKind kind, String code, Rows rows, List<Problem> problems) {
    List<Problem> own = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (Problem p : problems) {
      Optional<Rows.At> at = rows.at(p);
      if (at.isPresent() && at.get().kind() == kind && at.get().code().equals(code)) {
        own.add(p);
      } else {
        others.add(at.map(a -> a.kind().one() + " '" + a.code() + "'").orElse(p.file()) + ": " + p.message());
      }
    }
    if (!own.isEmpty()) {
      return new RefusedException(RefusedException.Reason.INVALID, own.get(0).message(), own);
    }
    return new RefusedException(RefusedException.Reason.CONFLICT, "the change breaks " + String.join("; ", others),
        problems);
  }

  /** A person as a bundle gives them. */
  private static PersonRow personRow(Person p) {
    return new PersonRow(0, p.id(), p.name(), p.kind(), p.phone(), p.post());
  }

  /** A stored object as a change takes it: people as a bundle gives them. */
  private static Object asRow(Object stored) {
    return stored instanceof Person p ? personRow(p) : stored;
  }

  /**
   * The county's objects as the rows of a bundle, in a fixed order, with the line (or feature)
   * each stands on, so the validator's problems can be traced back to the object.
   */
  private static final class Rows {
    record At(CountyKind kind, String code) {
    }

    private final Map<CountyKind, List<Object>> byKind = new HashMap<>();

    Rows(County c) {
      byKind.put(CountyKind.AREAS, new ArrayList<>(c.areas()));
      byKind.put(CountyKind.STATIONS, new ArrayList<>(c.stations()));
      byKind.put(CountyKind.OFFICES, new ArrayList<>(c.offices()));
      byKind.put(CountyKind.WORKSTATIONS, new ArrayList<>(c.workstations()));
      byKind.put(CountyKind.PEOPLE, new ArrayList<>(c.people().stream().map(CountyEditor::personRow).toList()));
      byKind.put(CountyKind.DEVICES, new ArrayList<>(c.devices()));
    }

    Object find(CountyKind kind, String code) {
      return byKind.get(kind).stream().filter(v -> kind.code(v).equals(code)).findFirst().orElse(null);
    }

    void add(CountyKind kind, Object value) {
      byKind.get(kind).add(value);
    }

    void replace(CountyKind kind, String code, Object existing) {
      byKind.get(kind).remove(existing);
    }

    /** Lines of a CSV file count from 2 (the header is line 1); features from 0. */
    Bundle bundle() {
      return new Bundle(
          rows(CountyKind.AREAS, Area.class, (i, a) -> new AreaRow(i, a)), List.of(), false,
          rows(CountyKind.STATIONS, Station.class, (i, s) -> new StationRow(i + 2, s)),
          rows(CountyKind.OFFICES, Office.class, (i, o) -> new OfficeRow(i + 2, o)),
          rows(CountyKind.WORKSTATIONS, Workstation.class, (i, w) -> new WorkstationRow(i + 2, w)),
          rows(CountyKind.PEOPLE, PersonRow.class, (i, p) -> new PersonRow(i + 2, p.id(), p.name(), p.kind(), p.phone(),
              p.post())),
          rows(CountyKind.DEVICES, Device.class, (i, d) -> new DeviceRow(i + 2, d)),
          Set.of(), Map.of(), List.of());
    }

    private <T, R> List<R> rows(CountyKind kind, Class<T> type, BiFunction<Integer, T, R> row) {
      List<Object> values = byKind.get(kind);
      List<R> out = new ArrayList<>(values.size());
      for (int i = 0; i < values.size(); i++) {
        out.add(row.apply(i, type.cast(values.get(i))));
      }
      return out;
    }

    /** The object a problem is about, if it is about one. */
    Optional<At> at(Problem p) {
      for (CountyKind kind : CountyKind.values()) {
        if (kind.file().fileName().equals(p.file())) {
          int index = kind == CountyKind.AREAS ? p.feature() : p.line() - 2;
          List<Object> values = byKind.get(kind);
          return index >= 0 && index < values.size() ? Optional.of(new At(kind, kind.code(values.get(index))))
              : Optional.empty();
        }
      }
      return Optional.empty();
    }
  }
}
