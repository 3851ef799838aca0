package org.lamplight.admin;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * What a device needs to be set up, as the field app scans it from the administrator's screen:
 * the server, the device id and its secret, as a small JSON object in a QR code (SVG, drawn here
 * so the console needs nothing from the internet). Made only when a secret is issued and shown
 * once with it; never stored.
 */
final class SetupCode {

  private static final int QUIET_ZONE = 4;

  private SetupCode() {
  }

  /** {@code {"lamplight":1,"server":…,"deviceId":…,"secret":…}}. */
  static String text(String serverUrl, String deviceId, String secret) {
    return new JsonObject().put("lamplight", 1).put("server", serverUrl).put("deviceId", deviceId)
        .put("secret", secret).encode();
  }

  /** The QR code of {@code text} as an SVG document: one path of unit squares on a white ground. */
  static String svg(String text) {
    BitMatrix m;
    try {
      m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0,
              EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalStateException("cannot encode a set-up code of " + text.length() + " characters", e);
    }
    int size = m.getWidth() + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
        + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
        + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }
}
