package org.lamplight.auth;

import io.vertx.core.Future;
import org.lamplight.config.Keys;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.store.AccountRepository;
import org.lamplight.store.DeviceRepository;
import org.lamplight.store.SettingsRepository;

/**
 * Who may connect: device credentials for the gateways, accounts and bearer tokens for the API
 * and consoles. The token signing key is shared by every node through the settings table.
 */
public final class AuthModule implements Module {

  private static final String SIGNING_KEY = "auth.signing-key";

  private final Tokens tokens;
  private final AccountRepository accounts;
  private final DeviceRepository devices;
  private final DeviceAuthenticator deviceAuthenticator;
  private final AuthThrottle loginThrottle;
  private final AuthThrottle deviceThrottle;

  private AuthModule(Platform platform, Tokens tokens) {
    this.tokens = tokens;
    this.accounts = new AccountRepository(platform.pool());
    this.devices = new DeviceRepository(platform.pool());
    this.deviceAuthenticator = new DeviceAuthenticator(platform.vertx(), devices);
    this.loginThrottle = new AuthThrottle("account", platform.config(), platform.registry());
    this.deviceThrottle = new AuthThrottle("device", platform.config(), platform.registry());
  }

  /** Reads (or, on the first node ever, creates) the signing key. */
  public static Future<AuthModule> load(Platform platform) {
    return new SettingsRepository(platform.pool()).getOrCreate(SIGNING_KEY, SecretHash.randomSecret(32))
        .map(key -> new AuthModule(platform, new Tokens(platform.vertx(), key,
            platform.config().get(Keys.AUTH_TOKEN_TTL))));
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    return Future.succeededFuture(); // nothing runs on its own
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

  /** Failed logins, per account and address. */
  public AuthThrottle loginThrottle() {
    return loginThrottle;
  }

  /** Failed device connections (MQTT and OsmAnd together), per device and address. */
  public AuthThrottle deviceThrottle() {
    return deviceThrottle;
  }
}
