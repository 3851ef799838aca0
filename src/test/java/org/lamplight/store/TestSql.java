package org.lamplight.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC for test set-up and assertions, independent of the code under test. */
final class TestSql {

  private TestSql() {
  }

  static void run(Database db, String... statements) throws SQLException {
    try (Connection c = connect(db); Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  static int queryInt(Database db, String sql) throws SQLException {
    try (Connection c = connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static Connection connect(Database db) throws SQLException {
    var o = db.connectOptions();
    return DriverManager.getConnection(db.jdbcUrl(), o.getUser(), o.getPassword());
  }
}
