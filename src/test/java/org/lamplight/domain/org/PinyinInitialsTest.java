package org.lamplight.domain.org;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinyinInitialsTest {

  @Test
  void aVillageIsFoundByTheInitialsOfItsCharacters() {
    assertThat(PinyinInitials.of("王庄村")).isEqualTo("wzc");
    assertThat(PinyinInitials.of("柏林社区")).isEqualTo("blsq");
    assertThat(PinyinInitials.of("新集镇派出所")).isEqualTo("xjzpcs");
  }

  @Test
  void theFirstAndLastCharacterOfEachInitialsBlockGetThatInitial() {
    assertThat(PinyinInitials.of("啊芭擦搭蛾发噶哈击喀垃妈拿哦啪期然撒塌挖昔压匝")).isEqualTo("abcdefghjklmnopqrstwxyz");
    // 簿 ends b, 蔼 (just after 啊's block starts) is still a, 座 is the last first-level character
    assertThat(PinyinInitials.of("簿蔼座")).isEqualTo("baz");
  }

  @Test
  void placeNameCharactersOutsideTheFirstLevelAreListed() {
    assertThat(PinyinInitials.of("亳州")).isEqualTo("bz");
    assertThat(PinyinInitials.of("漯河")).isEqualTo("lh");
    assertThat(PinyinInitials.of("泗县")).isEqualTo("sx");
  }

  @Test
  void lettersAndDigitsStayAndOtherSignsAreLeftOut() {
    assertThat(PinyinInitials.of("G107 国道·三号")).isEqualTo("g107gdsh");
    assertThat(PinyinInitials.of("")).isEmpty();
  }

  @Test
  void everyNameOfTheDemoCountyHasAnInitialForEachCharacter() {
    County county = new CountyGenerator(20240601).generate();
    county.areas().forEach(a -> assertThat(PinyinInitials.of(a.name())).as(a.name()).hasSize(a.name().length()));
    county.stations().forEach(s -> assertThat(PinyinInitials.of(s.name())).as(s.name()).hasSize(s.name().length()));
  }
}
