package org.lamplight.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class EvaluationMonthTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void aMonthRunsFromTheDayAfterTheClosingDayToTheClosingDay() {
    EvaluationMonth may = EvaluationMonth.parse("2024-05", 25);

    assertThat(may.firstDay()).isEqualTo(LocalDate.of(2024, 4, 26));
    assertThat(may.lastDay()).isEqualTo(LocalDate.of(2024, 5, 25));
    assertThat(may.days()).isEqualTo(30);
    assertThat(may.toString()).isEqualTo("2024-05");
  }

  @Test
  void januaryStartsInDecemberOfTheYearBefore() {
    EvaluationMonth january = EvaluationMonth.parse("2024-01", 25);

    assertThat(january.firstDay()).isEqualTo(LocalDate.of(2023, 12, 26));
    assertThat(january.previous()).isEqualTo(EvaluationMonth.parse("2023-12", 25));
  }

  @Test
  void marchTakesInTheLeapDay() {
    assertThat(EvaluationMonth.parse("2024-03", 25).days()).isEqualTo(29);
    assertThat(EvaluationMonth.parse("2023-03", 25).days()).isEqualTo(28);
    assertThat(EvaluationMonth.parse("2023-03", 28).firstDay()).isEqualTo(LocalDate.of(2023, 3, 1));
  }

  @Test
  void daysAfterTheClosingDayBelongToTheNextMonth() {
    assertThat(EvaluationMonth.containing(LocalDate.of(2024, 5, 25), 25)).isEqualTo(EvaluationMonth.parse("2024-05", 25));
    assertThat(EvaluationMonth.containing(LocalDate.of(2024, 5, 26), 25)).isEqualTo(EvaluationMonth.parse("2024-06", 25));
    assertThat(EvaluationMonth.containing(LocalDate.of(2024, 12, 31), 25)).isEqualTo(EvaluationMonth.parse("2025-01", 25));
  }

  @Test
  void aMonthRunsMidnightToMidnightInTheCountysZone() {
    EvaluationMonth may = EvaluationMonth.parse("2024-05", 25);

    assertThat(may.startMs(SHANGHAI)).isEqualTo(ZonedDateTime.of(2024, 4, 26, 0, 0, 0, 0, SHANGHAI).toInstant().toEpochMilli());
    assertThat(may.endMs(SHANGHAI)).isEqualTo(ZonedDateTime.of(2024, 5, 26, 0, 0, 0, 0, SHANGHAI).toInstant().toEpochMilli());
  }

  @Test
  void theClosingDayIsOneTo28() {
    assertThatThrownBy(() -> EvaluationMonth.parse("2024-05", 29)).hasMessageContaining("1..28");
    assertThatThrownBy(() -> EvaluationMonth.parse("2024-05", 0)).hasMessageContaining("1..28");
    assertThat(EvaluationMonth.parse("2024-05", 1).firstDay()).isEqualTo(LocalDate.of(2024, 4, 2));
  }
}
