package org.lamplight.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Device credentials as the server writes them when it imports a county (for the demo county
 * {@code data/demo-devices.csv}): a header line, then {@code device_id,unit_id,secret} per device.
 */
public record Credentials(String deviceId, String unitId, String secret) {

  /** The header of the secrets file an import writes (the server's {@code county.SecretsFile}). */
  public static final String HEADER = "device_id,unit_id,secret";

  public static List<Credentials> read(Path file) throws IOException {
    List<Credentials> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || (i == 0 && line.equals(HEADER))) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 3 || f[0].isEmpty() || f[2].isEmpty()) {
        throw new IOException(file + " line " + (i + 1) + ": expected " + HEADER);
      }
      out.add(new Credentials(f[0], f[1], f[2]));
    }
    return out;
  }
}
