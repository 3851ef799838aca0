package org.lamplight.auth;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lamplight.store.AccountRepository.Barrier;

/**
 * Which bearer tokens still stand, though their signature and expiry are good: none of a disabled
 * account, and none issued before an account's password was reset or its role changed (each such
 * change bumps the account's token generation, which its tokens carry). Tokens are
 * JWTs and cannot be recalled, so every node keeps these few barriers in memory, follows their
 * stored version (a change is announced to every node, and checked for periodically), and looks
 * at them on every request: no database query per request, and a revoked token stops working on
 * every node as soon as the change is announced.
 */
public final class AccountGate {

  private volatile Map<String, Barrier> barriers;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public AccountGate(Map<String, Barrier> barriers) {
    this.barriers = Map.copyOf(barriers);
  }

  /** Whether a token of {@code username} carrying token generation {@code generation} stands. */
  public boolean admits(String username, int generation) {
    Barrier b = barriers.get(username);
    return b == null || (!b.disabled() && generation >= b.generation());
  }

  /** The barriers as stored now; then the listeners are told. */
  public void replace(Map<String, Barrier> next) {
    barriers = Map.copyOf(next);
    listeners.forEach(Runnable::run);
  }

  /** Called after the barriers changed (e.g. to close the live feeds of a disabled account). */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }
}
