package org.lamplight.domain.org;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * The pinyin initials of a name ({@code 王庄村} gives {@code wzc}), so that a dispatcher finds a
 * place by typing them.
 *
 * <p>No pinyin library is at hand, so the initial of a common character comes from where it sits
 * in GB2312: its first level (3,755 characters, codes {@code B0A1..D7F9}) is ordered by pinyin,
 * and the first character of each initial's block marks where that initial starts (there are no
 * blocks for i, u and v). Each character gets the initial of its reading in that ordering, which
 * is the common one ({@code 长} gives c). Characters outside the first level are ordered by
 * radical; the few that place names of the region use are listed. A character of neither kind
 * (rare or outside GB2312) is left out; ASCII letters and digits stay as they are, in lower case.
 */
public final class PinyinInitials {

  private static final Charset GB2312 = Charset.forName("GB2312");
  /** 啊 starts a, 芭 starts b, ... 匝 starts z. */
  private static final String BLOCK_STARTS = "啊芭擦搭蛾发噶哈击喀垃妈拿哦啪期然撒塌挖昔压匝";
  private static final String INITIALS = "abcdefghjklmnopqrstwxyz";
  private static final int LEVEL_ONE_END = 0xD7F9;
  private static final int[] STARTS = BLOCK_STARTS.codePoints().map(PinyinInitials::gbCode).toArray();
  /** Second-level characters of place names in the region (亳州, 泗县, 濮阳, 漯河, 邳州...). */
  private static final Map<Character, Character> SECOND_LEVEL = Map.ofEntries(
      Map.entry('亳', 'b'), Map.entry('泗', 's'), Map.entry('濮', 'p'), Map.entry('鄢', 'y'), Map.entry('漯', 'l'),
      Map.entry('邳', 'p'), Map.entry('睢', 's'), Map.entry('淇', 'q'), Map.entry('荥', 'x'), Map.entry('郾', 'y'),
      Map.entry('郏', 'j'), Map.entry('柘', 'z'), Map.entry('圩', 'w'), Map.entry('夼', 'k'), Map.entry('坨', 't'),
      Map.entry('垌', 'd'));

  private PinyinInitials() {
  }

  /** The initials of every character of the name that has one, in lower case. */
  public static String of(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char initial = initial(name.charAt(i));
      if (initial != 0) {
        out.append(initial);
      }
    }
    return out.toString();
  }

  /** The initial of one character, or 0 when it has none known. */
  static char initial(char c) {
    if (c < 0x80) {
      return Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
    }
    Character listed = SECOND_LEVEL.get(c);
    if (listed != null) {
      return listed;
    }
    int code = gbCode(c);
    if (code < STARTS[0] || code > LEVEL_ONE_END) {
      return 0;
    }
    int block = 0;
    while (block + 1 < STARTS.length && code >= STARTS[block + 1]) {
      block++;
    }
    return INITIALS.charAt(block);
  }

  /** The two-byte GB2312 code of a character, or -1 when GB2312 has none. */
  private static int gbCode(int codePoint) {
    String s = new String(Character.toChars(codePoint));
    if (!GB2312.newEncoder().canEncode(s)) {
      return -1;
    }
    byte[] b = s.getBytes(GB2312);
    return b.length == 2 ? (b[0] & 0xff) << 8 | (b[1] & 0xff) : -1;
  }
}
