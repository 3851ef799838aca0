package org.lamplight.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.console.ApiError;
import org.lamplight.console.ApiRoutes;
import org.lamplight.console.Requests;
import org.lamplight.console.Views;
import org.lamplight.county.CountyEditor;
import org.lamplight.county.CountyEditor.Change;
import org.lamplight.county.CountyEditor.RefusedException;
import org.lamplight.county.CountyKind;
import org.lamplight.county.CountyModule;
import org.lamplight.county.CountyRepository.StoredObject;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.store.AuditLog;
import org.lamplight.store.DeviceRepository;

/**
 * The county's objects at run time, under {@code /api/admin/<kind>} for areas, stations, offices,
 * workstations, people and devices: list (search and pages), read, create, update, retire and
 * restore (admin only). Each change is checked by the bundle's rules, stored with its audit entry,
 * and in force on every node before the answer ({@link CountyModule#changed}). A new (or
 * restored) device comes with its first secret, shown once.
 */
final class CountyAdminApi implements ApiRoutes {

  /** The fields {@code ?q=} looks in. */
  private static final List<String> SEARCHED = List.of("code", "id", "deviceId", "name", "personId", "post");

  private final CountyModule county;
  private final CountyEditor editor;
  private final DeviceRepository devices;
  private final LiveUnits units;
  private final DeviceSecretApi secrets;

  CountyAdminApi(CountyModule county, CountyEditor editor, DeviceRepository devices, LiveUnits units,
                 DeviceSecretApi secrets) {
    this.county = county;
    this.editor = editor;
    this.devices = devices;
    this.units = units;
    this.secrets = secrets;
  }

  @Override
  public void mount(Router api) {
    for (CountyKind kind : CountyKind.values()) {
      String path = "/admin/" + kind.wire();
      api.get(path).handler(ctx -> list(ctx, kind));
      api.post(path).handler(ctx -> change(ctx, new CountyEditor.Put(kind, parse(ctx, kind, null), true), "create", 201));
      api.get(path + "/:code").handler(ctx -> read(ctx, kind));
      api.put(path + "/:code").handler(ctx -> change(ctx,
          new CountyEditor.Put(kind, parse(ctx, kind, ctx.pathParam("code")), false), "update", 200));
      api.delete(path + "/:code").handler(ctx -> change(ctx, new CountyEditor.Retire(kind, ctx.pathParam("code")),
          "retire", 200));
      api.post(path + "/:code/restore").handler(ctx -> change(ctx,
          new CountyEditor.Restore(kind, ctx.pathParam("code")), "restore", 200));
    }
  }

  private static Object parse(RoutingContext ctx, CountyKind kind, String code) {
    Admins.admin(ctx);
    return CountyForms.parse(kind, Requests.body(ctx), code);
  }

  /**
   * {@code ?q=} matches codes and names (and a device's person, a person's post), {@code
   * ?status=active|retired|all}; in code order. Active objects come from the county this node
   * holds; retired ones from the database.
   */
  private void list(RoutingContext ctx, CountyKind kind) {
    Admins.admin(ctx);
    String status = Objects.requireNonNullElse(ctx.request().getParam("status"), "active");
    String q = ctx.request().getParam("q");
    Predicate<JsonObject> matches = matcher(q);
    int limit = Admins.limit(ctx);
    int offset = Admins.offset(ctx);
    all(kind, !"active".equals(status))
        .compose(objects -> decorate(kind, objects))
        .onSuccess(views -> {
          List<JsonObject> found = views.stream()
              .filter(v -> "all".equals(status) || v.getBoolean("retired") == "retired".equals(status))
              .filter(matches).sorted(Comparator.comparing(CountyAdminApi::code)).toList();
          int from = Math.min(offset, found.size());
          Requests.json(ctx, 200, Views.page(found.subList(from, from + Math.min(limit, found.size() - from)),
              found.size(), limit, offset));
        })
        .onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx, CountyKind kind) {
    Admins.admin(ctx);
    String code = ctx.pathParam("code");
    all(kind, true)
        .map(objects -> objects.stream().filter(o -> codeOf(kind, o.value()).equals(code)).findFirst()
            .orElseThrow(() -> ApiError.notFound(kind.one() + " '" + code + "'")))
        .compose(found -> decorate(kind, List.of(found)))
        .onSuccess(views -> Requests.json(ctx, 200, views.get(0)))
        .onFailure(ctx::fail);
  }

  /** Active objects from the county held; with retired ones, everything stored. */
  private Future<List<StoredObject>> all(CountyKind kind, boolean withRetired) {
    if (withRetired) {
      return county.repository().all(kind);
    }
    County c = county.current().get();
    List<?> active = switch (kind) {
      case AREAS -> c.areas();
      case STATIONS -> c.stations();
      case OFFICES -> c.offices();
      case WORKSTATIONS -> c.workstations();
      case PEOPLE -> c.people();
      case DEVICES -> c.devices();
    };
    return Future.succeededFuture(active.stream().map(v -> new StoredObject(v, false)).toList());
  }

  /** The views of the objects; a single area with its polygon, devices with their secret's state. */
  private Future<List<JsonObject>> decorate(CountyKind kind, List<StoredObject> objects) {
    if (kind != CountyKind.DEVICES) {
      boolean shapes = objects.size() == 1;
      return Future.succeededFuture(objects.stream().map(o -> Views.countyObject(o.value(), o.retired(), shapes))
          .toList());
    }
    return devices.secretsIssued().map(issued -> {
      List<JsonObject> out = new ArrayList<>(objects.size());
      for (StoredObject o : objects) {
        Device d = (Device) o.value();
        out.add(Views.device(d, o.retired(), issued.get(d.id()), units.isOnline(d.id())));
      }
      return out;
    });
  }

  private void change(RoutingContext ctx, Change change, String verb, int status) {
    Principal who = Admins.admin(ctx);
    CountyKind kind = change.kind();
    // a device's change may issue its secret, shown only in this answer
    String server = kind == CountyKind.DEVICES ? secrets.server(ctx) : null;
    editor.edit(change, (before, after) -> audit(who, kind, verb, change.code(), before, after))
        .compose(edited -> county.changed().map(edited))
        .onSuccess(edited -> {
          boolean retired = edited.after() == null;
          JsonObject body = Views.countyObject(retired ? edited.before() : edited.after(), retired, false);
          String secret = edited.done().issued().byDevice().get(change.code());
          if (kind == CountyKind.DEVICES && secret != null) {
            body.put("secret", secrets.answer(server, change.code(), secret));
          }
          if (kind == CountyKind.DEVICES && retired) {
            secrets.close(change.code(), "the device was retired");
          }
          Requests.json(ctx, status, body);
        })
        .onFailure(e -> ctx.fail(e instanceof RefusedException refused ? apiError(refused) : e));
  }

  private static ApiError apiError(RefusedException refused) {
    return switch (refused.reason()) {
      case NOT_FOUND -> new ApiError(404, "not_found", refused.getMessage());
      case INVALID -> ApiError.invalid(CountyForms.field(refused.problems().get(0)), refused.getMessage(),
          CountyForms.problems(refused.problems()));
      case CONFLICT -> ApiError.conflict(refused.getMessage());
    };
  }

  /** Before and after as administration shows them; an area's polygon is too big to keep twice, so only whether it changed. */
  private static AuditLog.Entry audit(Principal who, CountyKind kind, String verb, String code, Object before,
                                      Object after) {
    JsonObject details = new JsonObject();
    if (before != null) {
      details.put("before", Views.countyObject(before, false, false));
    }
    if (after != null) {
      details.put("after", Views.countyObject(after, false, false));
    }
    if (before instanceof Area a && after instanceof Area b) {
      details.put("shapeChanged", !a.shape().equalsExact(b.shape()));
    }
    return new AuditLog.Entry(who.username(), kind.one(), kind.one() + "." + verb, code, details);
  }

  /** Stored people are {@link Person}s, not the rows a change takes. */
  private static String codeOf(CountyKind kind, Object stored) {
    return stored instanceof Person p ? p.id() : kind.code(stored);
  }

  private static String code(JsonObject view) {
    return view.getString("code", view.getString("id", view.getString("deviceId")));
  }

  /** Case-insensitive: the code, the name, a device's person or a person's post contains {@code q}. */
  private static Predicate<JsonObject> matcher(String q) {
    if (q == null || q.isBlank()) {
      return v -> true;
    }
    String needle = q.trim().toLowerCase(Locale.ROOT);
    return v -> SEARCHED.stream().map(v::getValue).filter(String.class::isInstance)
        .anyMatch(s -> ((String) s).toLowerCase(Locale.ROOT).contains(needle));
  }
}
