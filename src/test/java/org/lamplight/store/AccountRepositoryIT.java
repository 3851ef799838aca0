package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lamplight.store.AccountRepository.Account;
import org.lamplight.store.AccountRepository.AccountInfo;

/** Account changes against a real PostgreSQL: none may leave the county without an enabled admin. */
class AccountRepositoryIT {

  private static AuditLog.Entry audit(AccountInfo before) {
    return new AuditLog.Entry("test", "account", "account.update", before.username(), new JsonObject());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  void theLastEnabledAdminCannotBeDemotedNorDisabled() throws Exception {
    try (TestStore store = TestStore.open("accounts_last_admin")) {
      AccountRepository accounts = new AccountRepository(store.pool());
      await(accounts.createIfAbsent(new Account("first", "hash", "admin", List.of())));

      assertThatThrownBy(() -> await(accounts.setRole("first", "viewer", List.of(), AccountRepositoryIT::audit)))
          .isInstanceOf(AccountRepository.LastAdmin.class);
      assertThatThrownBy(() -> await(accounts.setDisabled("first", true, AccountRepositoryIT::audit)))
          .isInstanceOf(AccountRepository.LastAdmin.class);
      assertThat(await(accounts.info("first"))).map(AccountInfo::role).contains("admin");

      // with a second admin, either may go, but not both
      await(accounts.createIfAbsent(new Account("second", "hash", "admin", List.of())));
      assertThat(await(accounts.setRole("first", "viewer", List.of(), AccountRepositoryIT::audit))).isPresent();
      assertThatThrownBy(() -> await(accounts.setDisabled("second", true, AccountRepositoryIT::audit)))
          .isInstanceOf(AccountRepository.LastAdmin.class);
      assertThat(await(accounts.hasAdmin())).isTrue();
    }
  }

  @Test
  void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
    try (TestStore store = TestStore.open("accounts_demote_race")) {
      AccountRepository accounts = new AccountRepository(store.pool());
      await(accounts.createIfAbsent(new Account("a", "hash", "admin", List.of())));
      await(accounts.createIfAbsent(new Account("b", "hash", "admin", List.of())));

      Future<Optional<AccountInfo>> aDemotesB = accounts.setRole("b", "viewer", List.of(), AccountRepositoryIT::audit);
      Future<Optional<AccountInfo>> bDemotesA = accounts.setRole("a", "viewer", List.of(), AccountRepositoryIT::audit);
      Future.join(aDemotesB, bDemotesA).otherwiseEmpty().await(10, TimeUnit.SECONDS);

      assertThat(List.of(aDemotesB.succeeded(), bDemotesA.succeeded())).containsExactlyInAnyOrder(true, false);
      Throwable refused = aDemotesB.failed() ? aDemotesB.cause() : bDemotesA.cause();
      assertThat(refused).isInstanceOf(AccountRepository.LastAdmin.class);
      assertThat(List.of(await(accounts.info("a")).orElseThrow().role(), await(accounts.info("b")).orElseThrow().role()))
          .containsExactlyInAnyOrder("admin", "viewer");
    }
  }
}
