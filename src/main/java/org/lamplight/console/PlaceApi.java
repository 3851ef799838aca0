package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.org.PlaceDirectory;

/** {@code GET /api/places?q=}: villages, committees, townships and stations by name or pinyin initials. */
final class PlaceApi implements ApiRoutes {

  private static final int DEFAULT_LIMIT = 10;

  private final Supplier<PlaceDirectory> places;

  PlaceApi(CurrentCounty county) {
    this.places = county.derived(PlaceDirectory::of);
  }

  @Override
  public void mount(Router api) {
    api.get("/places").handler(this::search);
  }

  private void search(RoutingContext ctx) {
    int limit = (int) Requests.queryLong(ctx, "limit", DEFAULT_LIMIT);
    Requests.json(ctx, 200, new JsonArray(places.get().search(ctx.request().getParam("q"), limit).stream()
        .map(Views::place).toList()));
  }
}
