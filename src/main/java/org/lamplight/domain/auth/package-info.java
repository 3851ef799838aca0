/**
 * Who may try to authenticate now: failures per account, device and address with exponential
 * back-off ({@link org.lamplight.domain.auth.FailureBackoff}). Plain Java: time comes in as a
 * parameter.
 */
package org.lamplight.domain.auth;
