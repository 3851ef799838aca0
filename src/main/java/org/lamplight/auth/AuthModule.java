package org.lamplight.auth;

import io.vertx.core.Future;
import org.lamplight.platform.RandomSecrets;
import org.lamplight.config.Keys;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.platform.VersionFollower;
import org.lamplight.store.AccountRepository;
import org.lamplight.store.DeviceRepository;
import org.lamplight.store.SettingsRepository;
import org.lamplight.store.Versions;

/**
 * Who may connect: device credentials for the gateways, accounts and bearer tokens for the API
 * and consoles. The token signing key is shared by every node through the settings table; which
 * tokens still stand ({@link AccountGate}) follows the accounts' stored version on every node.
 */
public final class AuthModule implements Module {

  /** {@code long}: the accounts' new version, published by the node that stored a change. */
  public static final String ACCOUNTS_CHANGED = "lamplight.auth.accounts";
  private static final String SIGNING_KEY = "auth.signing-key";

  private final Tokens tokens;
  private final AccountRepository accounts;
  private final DeviceRepository devices;
  private final DeviceAuthenticator deviceAuthenticator;
  private final DeviceTokens deviceTokens;
  private final AccountGate gate;
  private final VersionFollower follower;
  private final AuthThrottle loginThrottle;
  private final AuthThrottle deviceThrottle;

  private AuthModule(Platform platform, String signingKey, long accountsVersion, AccountGate gate,
                     AccountRepository accounts) {
    this.gate = gate;
    this.tokens = new Tokens(platform.vertx(), signingKey, platform.config().get(Keys.AUTH_TOKEN_TTL), gate);
    this.accounts = accounts;
    this.devices = new DeviceRepository(platform.devicePool());
    this.deviceAuthenticator = new DeviceAuthenticator(platform.vertx(), devices);
    this.deviceTokens = new DeviceTokens(platform.vertx(), signingKey, devices,
        platform.config().get(Keys.AUTH_DEVICE_TOKEN_TTL));
    Versions versions = new Versions(platform.pool());
    this.follower = new VersionFollower("accounts", ACCOUNTS_CHANGED, platform.config().get(Keys.ADMIN_CHECK_INTERVAL),
        accountsVersion, () -> versions.get(Versions.ACCOUNTS), version -> accounts.barriers().map(b -> {
          gate.replace(b);
          return null;
        }));
    this.loginThrottle = new AuthThrottle("account", platform.config(), platform.registry());
    this.deviceThrottle = new AuthThrottle("device", platform.config(), platform.registry());
  }

  /** Reads (or, on the first node ever, creates) the signing key, and the accounts' barriers. */
  public static Future<AuthModule> load(Platform platform) {
    AccountRepository accounts = new AccountRepository(platform.pool());
    Versions versions = new Versions(platform.pool());
    return new SettingsRepository(platform.pool()).getOrCreate(SIGNING_KEY, RandomSecrets.generate(32))
        .compose(key -> versions.get(Versions.ACCOUNTS).compose(version -> accounts.barriers()
            .map(barriers -> new AuthModule(platform, key, version, new AccountGate(barriers), accounts))));
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    return deployer.deploy(() -> follower, 1);
  }

  public Tokens tokens() {
    return tokens;
  }

  public AccountRepository accounts() {
    return accounts;
  }

  public DeviceRepository devices() {
    return devices;
  }

  public DeviceAuthenticator deviceAuthenticator() {
    return deviceAuthenticator;
  }

  /** The field app's long-lived tokens, bound to the device's secret. */
  public DeviceTokens deviceTokens() {
    return deviceTokens;
  }

  public AccountGate gate() {
    return gate;
  }

  /** This node stored a change of an account: hold it, and tell every other node. */
  public Future<Void> accountsChanged() {
    return follower.changed();
  }

  /** Failed logins, per account and address. */
  public AuthThrottle loginThrottle() {
    return loginThrottle;
  }

  /** Failed device connections and logins (MQTT, OsmAnd and the field app together), per device and address. */
  public AuthThrottle deviceThrottle() {
    return deviceThrottle;
  }
}
