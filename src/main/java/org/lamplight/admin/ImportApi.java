package org.lamplight.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.console.ApiError;
import org.lamplight.console.ApiRoutes;
import org.lamplight.console.Requests;
import org.lamplight.console.Views;
import org.lamplight.county.BundleSource;
import org.lamplight.county.CountyModule;
import org.lamplight.county.ImportOptions;
import org.lamplight.county.ImportResult;

/**
 * {@code POST /api/admin/import}: a county bundle (a zip, the request body) imported as the
 * command line does, all or nothing; {@code ?check=true} only checks, {@code ?prune=true} retires
 * what the bundle no longer has. The answer is every problem ({@code invalid_bundle}, 400) or the
 * summary, with the new devices' secrets shown once. One import at a time per node; while it runs,
 * {@code GET /api/admin/import/progress} says where it stands.
 */
final class ImportApi implements ApiRoutes {

  private final CountyModule county;
  private final long maxBytes;
  /** The import running on this node, or the last one; touched on the HTTP verticle's event loop only. */
  private Progress progress;

  /** Where an import stands; its stage and counts are set from whichever thread the import reports on. */
  private static final class Progress {
    final String id = UUID.randomUUID().toString();
    final long startedAt = System.currentTimeMillis();
    volatile String state = "running";
    volatile String stage = "receiving";
    volatile long done;
    volatile long total;
    volatile Long finishedAt;

    JsonObject view() {
      return Views.importProgress(id, state, stage, done, total, startedAt, finishedAt);
    }

    void finish(String outcome) {
      state = outcome;
      finishedAt = System.currentTimeMillis();
    }
  }

  ImportApi(CountyModule county, long maxBytes) {
    this.county = county;
    this.maxBytes = maxBytes;
  }

  @Override
  public Map<String, Long> largeBodies() {
    return Map.of("/admin/import", maxBytes);
  }

  @Override
  public void mount(Router api) {
    api.post("/admin/import").handler(this::run);
    api.get("/admin/import/progress").handler(this::progress);
  }

  private void run(RoutingContext ctx) {
    Principal who = Admins.admin(ctx);
    if (progress != null && progress.finishedAt == null) {
      throw ApiError.conflict("an import is running on this node (" + progress.stage + "); wait for it");
    }
    Buffer zip = ctx.body().buffer();
    if (zip == null || zip.length() == 0) {
      throw ApiError.badRequest("send the bundle (a zip) as the body");
    }
    boolean check = "true".equals(ctx.request().getParam("check"));
    boolean prune = "true".equals(ctx.request().getParam("prune"));
    Progress p = new Progress();
    progress = p;
    county.imports().run(new BundleSource.ZipBytes(zip.getBytes()), new ImportOptions(check, prune, null, null,
            who.username()), (stage, done, total) -> {
          p.stage = stage;
          p.done = done;
          p.total = total;
        })
        .compose(result -> result instanceof ImportResult.Done done && done.written()
            ? county.changed().map(result) : io.vertx.core.Future.succeededFuture(result))
        .onSuccess(result -> {
          if (result instanceof ImportResult.Refused refused) {
            p.finish("refused");
            JsonArray problems = new JsonArray();
            refused.problems().forEach(problem -> problems.add(Views.problem(problem)));
            ctx.fail(new ApiError(400, "invalid_bundle", "the bundle has " + problems.size()
                + " problem(s); nothing was imported", new JsonObject().put("problems", problems)));
            return;
          }
          p.finish("done");
          Requests.json(ctx, 200, Views.imported((ImportResult.Done) result));
        })
        .onFailure(e -> {
          p.finish("failed");
          ctx.fail(e);
        });
  }

  private void progress(RoutingContext ctx) {
    Admins.admin(ctx);
    if (progress == null) {
      throw ApiError.notFound("an import on this node");
    }
    Requests.json(ctx, 200, progress.view());
  }
}
