package org.lamplight.auth;

import io.vertx.core.Future;
import org.lamplight.config.Config;
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
  /** Names tracked by the login throttle at most; the least recently failed are forgotten first. */
  private static final int THROTTLE_TRACKED = 10_000;

  private final DeviceAuthenticator deviceAuthenticator;
  private final DeviceTokens deviceTokens;
  private final LoginThrottle loginThrottle;

  private AuthModule(Platform platform, String signingKey) {
    Config config = platform.config();
    this.tokens = new Tokens(platform.vertx(), signingKey, config.get(Keys.AUTH_TOKEN_TTL));
    this.accounts = new AccountRepository(platform.pool());
    this.devices = new DeviceRepository(platform.pool());
    this.deviceAuthenticator = new DeviceAuthenticator(platform.vertx(), devices);
    this.deviceTokens = new DeviceTokens(platform.vertx(), signingKey, devices, config.get(Keys.AUTH_DEVICE_TOKEN_TTL));
    this.loginThrottle = new LoginThrottle(config.get(Keys.AUTH_LOGIN_FAILURES), config.get(Keys.AUTH_LOGIN_WINDOW),
        THROTTLE_TRACKED);
  }

  /** Reads (or, on the first node ever, creates) the signing key. */
  public static Future<AuthModule> load(Platform platform) {
    return new SettingsRepository(platform.pool()).getOrCreate(SIGNING_KEY, SecretHash.randomSecret(32))
        .map(key -> new AuthModule(platform, key));
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

  /** The field app's long-lived tokens, bound to the device's secret. */
  public DeviceTokens deviceTokens() {
    return deviceTokens;
  }

  /** Failed logins, counted per name and address. */
  public LoginThrottle loginThrottle() {
    return loginThrottle;
  }
}
