package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.store.OrderRepository.Delivery;

/** Retention of stored deliveries against a real PostgreSQL: what is finished and old goes, nothing pending. */
class OrderRepositoryIT {

  private static final long DAY_MS = 86_400_000L;

  static TestStore store;
  static OrderRepository orders;

  @BeforeAll
  static void start() {
    store = TestStore.open("orders");
    orders = new OrderRepository(store.pool(), 100);
  }

  @AfterAll
  static void stop() throws Exception {
    store.close();
  }

  @BeforeEach
  void empty() throws SQLException {
    TestSql.run(store.db(), "truncate device_orders");
  }

  /** A delivery made {@code createdDaysAgo}, acknowledged and dropped so many days ago (null: not). */
  private static void stored(String deliveryId, int createdDaysAgo, Integer ackedDaysAgo, Integer droppedDaysAgo)
      throws SQLException {
    TestSql.run(store.db(), "insert into device_orders (delivery_id, device_id, payload, created_at, acked_at, dropped_at)"
        + " values ('" + deliveryId + "', 'dev-1', '{}', " + daysAgo(createdDaysAgo) + ", " + daysAgo(ackedDaysAgo)
        + ", " + daysAgo(droppedDaysAgo) + ")");
  }

  private static String daysAgo(Integer days) {
    return days == null ? "null" : "now() - interval '" + days + " days'";
  }

  private static int deleteOlderThanDays(int days, int batch) throws Exception {
    return orders.deleteFinished(System.currentTimeMillis() - days * DAY_MS, batch).await(10, TimeUnit.SECONDS);
  }

  private static List<String> remaining() throws Exception {
    List<String> ids = new ArrayList<>();
    store.pool().query("select delivery_id from device_orders order by delivery_id").execute().await(10, TimeUnit.SECONDS)
        .forEach(r -> ids.add(r.getString(0)));
    return ids;
  }

  @Test
  void onlyDeliveriesAcknowledgedOrDroppedBeforeTheCutOffAreDeleted() throws Exception {
    stored("acked-old", 41, 40, null);
    stored("dropped-old", 41, null, 40);
    stored("dropped-old-acked-late", 45, 1, 40);
    stored("acked-recent", 41, 1, null);
    stored("dropped-recent", 2, null, 1);
    stored("pending-old", 90, null, null);
    stored("pending-recent", 0, null, null);

    assertThat(deleteOlderThanDays(30, 1000)).isEqualTo(3);

    assertThat(remaining()).containsExactly("acked-recent", "dropped-recent", "pending-old", "pending-recent");
  }

  @Test
  void aPendingDeliveryIsStillRedeliveredAfterADeletionHoweverOld() throws Exception {
    stored("pending-ancient", 400, null, null);
    stored("acked-ancient", 400, 399, null);
    stored("pending-new", 0, null, null);

    deleteOlderThanDays(1, 1000);

    assertThat(orders.pending("dev-1").await(10, TimeUnit.SECONDS)).extracting(Delivery::deliveryId)
        .containsExactly("pending-ancient", "pending-new");
  }

  @Test
  void aLongBacklogIsDeletedInBatchesUntilNothingOldIsLeft() throws Exception {
    for (int i = 0; i < 7; i++) {
      stored("acked-" + i, 60, 50, null);
    }
    stored("acked-recent", 5, 4, null);

    assertThat(deleteOlderThanDays(30, 2)).isEqualTo(7);

    assertThat(remaining()).containsExactly("acked-recent");
  }

  @Test
  void nothingToDeleteDeletesNothing() throws Exception {
    stored("acked-recent", 5, 4, null);
    stored("pending-old", 90, null, null);

    assertThat(deleteOlderThanDays(30, 2)).isZero();

    assertThat(remaining()).containsExactly("acked-recent", "pending-old");
  }
}
