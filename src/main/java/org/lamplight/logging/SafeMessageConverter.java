package org.lamplight.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %safeMessage}: the formatted message as {@link LogText} allows it in a log line. */
public final class SafeMessageConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return LogText.safe(event.getFormattedMessage());
  }
}
