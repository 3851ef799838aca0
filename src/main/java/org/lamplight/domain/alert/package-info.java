/**
 * Alerts for dispatchers, whoever raises them (dispatch, the gateways, coverage and the ledger):
 * what is raised ({@link org.lamplight.domain.alert.NewAlert}) and what is kept
 * ({@link org.lamplight.domain.alert.Alert}). An alert travels as a code with parameters that a
 * console renders in its dispatcher's language, with a plain English message beside it for API
 * clients and logs. Plain Java.
 */
package org.lamplight.domain.alert;
