package org.lamplight.county;

import java.nio.file.Path;

/**
 * How to import a bundle.
 *
 * @param check validate and compare only; nothing is written, not even the files below
 * @param prune retire stored rows the bundle no longer has (never a person on an open incident)
 * @param report where the import's report goes; null for none
 * @param secrets where the new devices' secrets go, readable by the owner only; null to have them
 *     back in the result ({@link ImportResult.Done#issued}) instead
 * @param actor who imports, for the audit log
 */
public record ImportOptions(boolean check, boolean prune, Path report, Path secrets, String actor) {
}
