package io.verso.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reference model of {@link AuthoredDiff}: the document during a range of ops as a list of code
 * units, each original (with its index in the first document) or inserted (by whom), deleted (by
 * whom; only original units stay, as tombstones), with its attributes and who formatted it.
 */
final class NaiveHistory {
  static final class Unit {
    final int orig; // index in the first document, -1 when inserted within the range
    final Insert ins; // the unit as a one-unit insert with its first attributes
    final String insertedBy;
    Map<String, Object> attrs;
    boolean deleted;
    String deletedBy;
    final List<String> formatters = new ArrayList<>();

    Unit(int orig, Insert ins, String insertedBy) {
      this.orig = orig;
      this.ins = ins;
      this.insertedBy = insertedBy;
      this.attrs = ins.attributes();
    }
  }

  final List<Unit> units = new ArrayList<>();

  NaiveHistory(Delta doc) {
    for (Op op : doc.ops()) {
      for (Insert one : split((Insert) op)) {
        units.add(new Unit(units.size(), one, null));
      }
    }
  }

  static List<Insert> split(Insert ins) {
    List<Insert> out = new ArrayList<>();
    if (ins.text() == null) {
      out.add(ins);
    } else {
      for (int i = 0; i < ins.text().length(); i++) {
        out.add(new Insert(String.valueOf(ins.text().charAt(i)), null, ins.attributes()));
      }
    }
    return out;
  }

  void apply(Delta change, String user) {
    int at = 0; // index into units
    for (Op op : change.ops()) {
      if (op instanceof Insert ins) {
        for (Insert one : split(ins)) {
          units.add(at++, new Unit(-1, one, user));
        }
        continue;
      }
      for (int n = op.length(); n > 0; ) {
        Unit u = units.get(at);
        if (u.deleted) {
          at++;
          continue;
        }
        n--;
        if (op instanceof Retain r) {
          if (r.attributes() != null) {
            u.attrs = AttributeMaps.compose(u.attrs, r.attributes(), false);
            if (!u.formatters.contains(user)) {
              u.formatters.add(user);
            }
          }
          at++;
        } else if (u.orig >= 0) {
          u.deleted = true;
          u.deletedBy = user;
          at++;
        } else {
          units.remove(at);
        }
      }
    }
  }
}
