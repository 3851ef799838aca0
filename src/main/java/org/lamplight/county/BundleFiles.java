package org.lamplight.county;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The raw files of a bundle, each read with a bound, and what kept a file from being read. In a
 * zip the files may sit at the top or in one folder; an entry whose name holds {@code ..} or
 * starts at the root is refused, and so is any entry larger than the bound (its declared size is
 * not trusted: reading stops at the bound). The files are held together, so their total has a
 * bound too: a small zip may expand to several files each just under the first. Entry names are
 * UTF-8, or else GB18030 (the GBK that Explorer on a Chinese Windows writes, without the zip's
 * UTF-8 flag).
 */
public record BundleFiles(Map<BundleFile, byte[]> contents, List<Problem> problems) {

  /** More entries than any bundle has: a zip bomb of empty entries is refused early. */
  static final int MAX_ZIP_ENTRIES = 10_000;
  private static final Charset CHINESE_WINDOWS = Charset.forName("GB18030");

  public BundleFiles {
    contents = Collections.unmodifiableMap(contents.isEmpty() ? new EnumMap<>(BundleFile.class) : new EnumMap<>(contents));
    problems = List.copyOf(problems);
  }

  public Optional<byte[]> content(BundleFile file) {
    return Optional.ofNullable(contents.get(file));
  }

  /**
   * Reads the bundle's files (blocking I/O); no file larger than {@code maxFileBytes} is read whole,
   * and nothing more once the files read hold {@code maxBundleBytes} together.
   */
  public static BundleFiles read(BundleSource source, long maxFileBytes, long maxBundleBytes) {
    Map<BundleFile, byte[]> contents = new EnumMap<>(BundleFile.class);
    List<Problem> problems = new ArrayList<>();
    Budget budget = new Budget(maxFileBytes, maxBundleBytes, contents, problems);
    try {
      if (source instanceof BundleSource.Directory d) {
        readDirectory(d.path(), budget);
      } else if (source instanceof BundleSource.ZipFile z) {
        readZip(() -> Files.newInputStream(z.path()), budget, problems);
      } else {
        byte[] bytes = ((BundleSource.ZipBytes) source).bytes();
        readZip(() -> new ByteArrayInputStream(bytes), budget, problems);
      }
    } catch (NoSuchFileException e) {
      problems.add(Problem.ofBundle("no directory or zip file at " + source.describe()));
      return new BundleFiles(contents, problems);
    } catch (IOException e) {
      problems.add(Problem.ofBundle("cannot read " + source.describe() + ": " + e.getMessage()));
      return new BundleFiles(contents, problems);
    }
    for (BundleFile f : BundleFile.values()) {
      if (!budget.over && f.required() && !contents.containsKey(f) && problems.stream().noneMatch(p -> p.file().equals(f.fileName()))) {
        problems.add(Problem.ofFile(f, "missing file"));
      }
    }
    return new BundleFiles(contents, problems);
  }

  private static void readDirectory(Path dir, Budget budget) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    for (BundleFile f : BundleFile.values()) {
      Path file = dir.resolve(f.fileName());
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        if (!budget.take(f, in)) {
          return;
        }
      }
    }
  }

  /** Opens the zip again from its start. */
  @FunctionalInterface
  private interface ZipOpener {
    InputStream open() throws IOException;
  }

  /**
   * Reads the zip with UTF-8 names, or, once a name is not UTF-8, all of it again with GB18030
   * ones. Only a name's last segment is matched, and that is ASCII either way.
   */
  private static void readZip(ZipOpener opener, Budget budget, List<Problem> problems) throws IOException {
    try {
      readZip(opener, StandardCharsets.UTF_8, budget, problems);
    } catch (IllegalArgumentException notUtf8) {
      budget.restart();
      try {
        readZip(opener, CHINESE_WINDOWS, budget, problems);
      } catch (IllegalArgumentException e) {
        throw new IOException("not a readable zip file: an entry name is neither UTF-8 nor GB18030", e);
      }
    }
  }

  /** Throws IllegalArgumentException when an entry name is not in {@code names} (nor flagged UTF-8). */
  private static void readZip(ZipOpener opener, Charset names, Budget budget, List<Problem> problems)
      throws IOException {
    Map<BundleFile, String> seen = new HashMap<>();
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(opener.open(), names)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (++entries > MAX_ZIP_ENTRIES) {
          problems.add(Problem.ofBundle("the zip holds more than " + MAX_ZIP_ENTRIES + " entries"));
          return;
        }
        String name = entry.getName();
        if (isUnsafe(name)) {
          problems.add(Problem.ofBundle("zip entry '" + name + "' has '..' or an absolute path; refused"));
          continue;
        }
        if (entry.isDirectory()) {
          continue;
        }
        String[] parts = name.split("/");
        Optional<BundleFile> file = BundleFile.named(parts[parts.length - 1]);
        if (file.isEmpty() || parts.length > 2 || parts[0].startsWith("__MACOSX")) {
          continue;
        }
        String first = seen.putIfAbsent(file.get(), name);
        if (first != null) {
          problems.add(Problem.ofFile(file.get(), "the zip holds it twice: '" + first + "' and '" + name + "'"));
          continue;
        }
        if (!budget.take(file.get(), zip)) {
          return;
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new IOException("not a readable zip file: " + e.getMessage(), e);
    }
    if (entries == 0) {
      throw new IOException("not a zip file, or an empty one");
    }
  }

  static boolean isUnsafe(String name) {
    String n = name.replace('\\', '/');
    if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
      return true;
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** The stream's bytes, or null once it holds more than {@code max}. */
  private static byte[] readBounded(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** What the files read so far have left of the bundle's bound. */
  private static final class Budget {
    private final long maxFileBytes;
    private final long maxBundleBytes;
    private final Map<BundleFile, byte[]> contents;
    private final List<Problem> problems;
    private long left;
    /** The bundle is larger than its bound: nothing of it is kept. */
    private boolean over;

    Budget(long maxFileBytes, long maxBundleBytes, Map<BundleFile, byte[]> contents, List<Problem> problems) {
      this.maxFileBytes = maxFileBytes;
      this.maxBundleBytes = maxBundleBytes;
      this.contents = contents;
      this.problems = problems;
      this.left = maxBundleBytes;
    }

    /** Forgets what was read and found, to read the bundle again from its start. */
    void restart() {
      contents.clear();
      problems.clear();
      left = maxBundleBytes;
      over = false;
    }

    /** Reads {@code f} into the contents, or records why not; false when the bundle is over its bound: read no more. */
    boolean take(BundleFile f, InputStream in) throws IOException {
      boolean fileBound = maxFileBytes < left;
      byte[] bytes = readBounded(in, fileBound ? maxFileBytes : left);
      if (bytes != null) {
        left -= bytes.length;
        contents.put(f, bytes);
        return true;
      }
      if (fileBound) {
        problems.add(Problem.ofFile(f, "larger than the limit of " + maxFileBytes + " bytes (import.max-file-mb)"));
        return true;
      }
      contents.clear();
      over = true;
      problems.add(Problem.ofBundle("the bundle's files are larger than the limit of " + maxBundleBytes
          + " bytes together, uncompressed (import.max-bundle-mb)"));
      return false;
    }
  }
}
