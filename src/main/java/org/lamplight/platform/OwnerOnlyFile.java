package org.lamplight.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files of secrets Lamplight generates for its operator and itself: readable by their owner only. */
public final class OwnerOnlyFile {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFile() {
  }

  /** Writes {@code content} whole or not at all; nobody else can read it at any moment. */
  public static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp;
    try {
      tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file gets the directory's default permissions
      tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
    }
    Files.writeString(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Takes every permission but the owner's away from {@code file}; true when it had more. */
  public static boolean restrict(Path file) throws IOException {
    try {
      if (Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
        return false;
      }
      Files.setPosixFilePermissions(file, OWNER_ONLY);
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }
}
