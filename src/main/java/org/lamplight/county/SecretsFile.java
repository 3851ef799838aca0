package org.lamplight.county;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.lamplight.domain.org.Device;
import org.lamplight.platform.OwnerOnlyFile;

/**
 * Device secrets in clear, written once for whoever hands them to the devices: a CSV file
 * readable by its owner only (created so, never widened). The simulator reads the demo's.
 */
public final class SecretsFile {

  public static final String HEADER = "device_id,unit_id,secret";

  private SecretsFile() {
  }

  /** Writes {@code secrets} (device → secret) as a new owner-only file, replacing an older one. */
  static void write(Path file, Map<Device, String> secrets) throws IOException {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (Map.Entry<Device, String> e : secrets.entrySet()) {
      csv.append(e.getKey().id()).append(',').append(e.getKey().personId()).append(',').append(e.getValue()).append('\n');
    }
    OwnerOnlyFile.write(file, csv.toString());
  }
}
