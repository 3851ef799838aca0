package org.lamplight.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A table a county office takes away: a name, headers (in Chinese, as the office files them) and
 * rows of strings and numbers, written as CSV (UTF-8 with a byte order mark, so Excel reads the
 * Chinese) or as an Excel workbook with one sheet per table.
 */
public record Sheet(String name, List<String> headers, List<List<Object>> rows) {

  public static final String CSV_TYPE = "text/csv; charset=utf-8";
  public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  public Sheet {
    headers = List.copyOf(headers);
    rows = List.copyOf(rows);
  }

  public Buffer csv() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.EXCEL)) {
      printer.printRecord(headers);
      for (List<Object> row : rows) {
        printer.printRecord(row.stream().map(Sheet::csvCell).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  /**
   * A cell as CSV writes it. Excel may run a text starting with = + - @, a tab or a carriage return
   * as a formula, and a ledger note is anyone's text: such a cell gets a leading quote, which makes
   * it text. Numbers are written as they are (the workbook writes texts as texts already).
   */
  private static Object csvCell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return v;
  }

  /**
   * Answers with the sheets as {@code format}: {@code csv} (the first sheet) or {@code xlsx} (all of
   * them), named {@code baseName} plus the extension; written off the event loop.
   */
  public static void send(RoutingContext ctx, String format, String baseName, List<Sheet> sheets) {
    boolean csv = "csv".equals(format);
    ctx.vertx().executeBlocking(() -> csv ? sheets.get(0).csv() : xlsx(sheets), false)
        .onSuccess(body -> ctx.response().putHeader("content-type", csv ? CSV_TYPE : XLSX_TYPE)
            .putHeader("content-disposition", "attachment; filename=\"" + baseName + (csv ? ".csv" : ".xlsx") + "\"")
            .end(body))
        .onFailure(ctx::fail);
  }

  /** The sheets as one workbook; rows are streamed, so a year of ledger entries fits in little memory. */
  public static Buffer xlsx(List<Sheet> sheets) {
    try (SXSSFWorkbook book = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      for (Sheet s : sheets) {
        SXSSFSheet sheet = book.createSheet(s.name());
        Row head = sheet.createRow(0);
        for (int c = 0; c < s.headers.size(); c++) {
          head.createCell(c).setCellValue(s.headers.get(c));
          head.getCell(c).setCellStyle(bold);
        }
        sheet.createFreezePane(0, 1);
        for (int r = 0; r < s.rows.size(); r++) {
          Row row = sheet.createRow(r + 1);
          List<Object> values = s.rows.get(r);
          for (int c = 0; c < values.size(); c++) {
            Object v = values.get(c);
            if (v instanceof Number n) {
              row.createCell(c).setCellValue(n.doubleValue());
            } else if (v != null) {
              row.createCell(c).setCellValue(v.toString());
            }
          }
        }
      }
      book.write(out);
      book.dispose();
      return Buffer.buffer(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
