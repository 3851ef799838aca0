package org.lamplight.county;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a county bundle comes from: a directory, a zip file on disk, or a zip's bytes (an upload). */
public sealed interface BundleSource {

  /** A directory or a zip file, whichever {@code path} is. */
  static BundleSource of(Path path) {
    return Files.isDirectory(path) ? new Directory(path) : new ZipFile(path);
  }

  /** How the source is named in problems and reports. */
  String describe();

  record Directory(Path path) implements BundleSource {
    @Override
    public String describe() {
      return path.toString();
    }
  }

  record ZipFile(Path path) implements BundleSource {
    @Override
    public String describe() {
      return path.toString();
    }
  }

  record ZipBytes(byte[] bytes) implements BundleSource {
    @Override
    public String describe() {
      return "uploaded zip (" + bytes.length + " bytes)";
    }
  }
}
