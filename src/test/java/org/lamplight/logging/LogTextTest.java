package org.lamplight.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

  @Test
  void aNewlineInALoggedValueCannotStartALineOfItsOwn() {
    String user = "dev-aux-0001\n12:00:00.000 INFO  Node - admin logged in";
    assertThat(LogText.safe("refused " + user)).isEqualTo("refused dev-aux-0001\\n12:00:00.000 INFO  Node - admin logged in");
    assertThat(LogText.safe("a\rb\tc\u0000d\u001be\u007ff\u0085g\u2028h"))
        .isEqualTo("a\\rb\\tc\\u0000d\\u001be\\u007ff\\u0085g\\u2028h");
  }

  @Test
  void keysAndTokensInQueryStringsAreMasked() {
    assertThat(LogText.safe("bad request GET /?id=dev-aux-0001&key=s3cr3t-Dev1ce&lat=%zz&lon=114.5"))
        .isEqualTo("bad request GET /?id=dev-aux-0001&key=***&lat=%zz&lon=114.5");
    assertThat(LogText.safe("GET /ws?token=abc.def.ghi HTTP/1.1")).isEqualTo("GET /ws?token=*** HTTP/1.1");
    assertThat(LogText.safe("form password=hunter22&user=admin api_key=xyz123")).isEqualTo("form password=***&user=admin api_key=***");
  }

  @Test
  void secretsInJsonAndProseAreMasked() {
    assertThat(LogText.safe("body {\"username\":\"admin\",\"password\":\"hunter2 \\\"x\\\"\"}"))
        .isEqualTo("body {\"username\":\"admin\",\"password\":\"***\"}");
    assertThat(LogText.safe("{\"secret\": \"AbCd1234\", \"deviceId\":\"dev-1\"}")).isEqualTo("{\"secret\": \"***\", \"deviceId\":\"dev-1\"}");
    assertThat(LogText.safe("generated password: Xy7_abc-123 (keep it)")).isEqualTo("generated password: *** (keep it)");
  }

  @Test
  void credentialsInUrlsAndHeadersAreMasked() {
    assertThat(LogText.safe("cannot reach postgresql://lamplight:pa55word@10.0.0.10:5432/lamplight"))
        .isEqualTo("cannot reach postgresql://lamplight:***@10.0.0.10:5432/lamplight");
    assertThat(LogText.safe("Authorization: Bearer abcdefgh12345678")).isEqualTo("Authorization: Bearer ***");
    assertThat(LogText.safe("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl was refused"))
        .isEqualTo("token *** was refused");
  }

  @Test
  void ordinaryMessagesAreLeftAlone() {
    String line = "history write of 1000 rows failed, will retry (0 buffered): database unavailable: FATAL: password"
        + " authentication failed for user \"postgres\" (28P01)";
    assertThat(LogText.safe(line)).isSameAs(line);
    assertThat(LogText.safe("unit aux-0001 at 33.79,114.53 key facts: none")).isEqualTo("unit aux-0001 at 33.79,114.53 key facts: none");
    assertThat(LogText.safe(null)).isNull();
  }
}
