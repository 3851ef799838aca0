package org.lamplight.domain.org;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The county as this node knows it now, with the version it was stored under. A node shares one:
 * administration and imports change the county at run time, and a newer version replaces the
 * value at once for every reader (dispatch's coverage and roads, the console's views, the live
 * units, patrol's coverage, ledger and evaluation). What readers build from the county (an index, an encoded view) they get through
 * {@link #derived}, which rebuilds it once per county.
 */
public final class CurrentCounty {

  private record State(long version, County county) {
  }

  private volatile State state;
  private final List<Consumer<County>> listeners = new CopyOnWriteArrayList<>();
  private final List<Derived<?>> derived = new CopyOnWriteArrayList<>();

  public CurrentCounty(long version, County county) {
    this.state = new State(version, Objects.requireNonNull(county, "county"));
  }

  public County get() {
    return state.county;
  }

  public long version() {
    return state.version;
  }

  /**
   * Makes {@code county} the current one if {@code version} is newer than the current version;
   * then rebuilds the derived values and tells the listeners, on the calling thread. False when
   * the version is not newer (nothing changes).
   */
  public synchronized boolean replace(long version, County county) {
    if (version <= state.version) {
      return false;
    }
    state = new State(version, Objects.requireNonNull(county, "county"));
    derived.forEach(Derived::get);
    listeners.forEach(l -> l.accept(county));
    return true;
  }

  /** Called with each newer county, on the thread that replaced it. */
  public void onChange(Consumer<County> listener) {
    listeners.add(listener);
  }

  /** A value built from the current county, built again (once) whenever the county is replaced. */
  public <T> Supplier<T> derived(Function<County, T> build) {
    Derived<T> d = new Derived<>(build);
    derived.add(d);
    return d;
  }

  private final class Derived<T> implements Supplier<T> {
    private record Built<T>(County from, T value) {
    }

    private final Function<County, T> build;
    private volatile Built<T> built;

    Derived(Function<County, T> build) {
      this.build = build;
    }

    @Override
    public T get() {
      County county = CurrentCounty.this.get();
      Built<T> b = built;
      if (b == null || b.from != county) {
        b = new Built<>(county, build.apply(county));
        built = b;
      }
      return b.value;
    }
  }
}
