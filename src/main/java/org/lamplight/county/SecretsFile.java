package org.lamplight.county;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.lamplight.domain.org.Device;

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
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Files.deleteIfExists(file);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] ownerOnly = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    Files.createFile(file, ownerOnly);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(HEADER + "\n");
      for (Map.Entry<Device, String> e : secrets.entrySet()) {
        out.write(e.getKey().id() + "," + e.getKey().personId() + "," + e.getValue() + "\n");
      }
    }
  }
}
