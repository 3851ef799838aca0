/**
 * The county module: how a county's organisation gets into Lamplight (docs/county-bundle.md).
 *
 * <p>A bundle (a directory or a zip) is read with a bound on every file ({@link
 * org.lamplight.county.BundleFiles}), parsed into rows of immutable values ({@link
 * org.lamplight.county.BundleReader}), checked as a whole with every problem collected ({@link
 * org.lamplight.county.BundleValidator}), and imported all or nothing in one transaction ({@link
 * org.lamplight.county.CountyImport} through {@link org.lamplight.county.CountyRepository}): rows
 * matched by code, changed ones updated, new ones added, missing ones kept or (pruning) retired,
 * never a person on an open incident. The command line ({@link org.lamplight.county.ImportCommand})
 * and first-start {@link org.lamplight.county.Provisioning} (the demo county, generated as a bundle
 * by {@link org.lamplight.county.BundleWriter}) take that one path; a REST route can too.
 */
package org.lamplight.county;
