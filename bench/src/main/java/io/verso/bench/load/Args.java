package io.verso.bench.load;

import java.util.HashMap;
import java.util.Map;

/** {@code --name=value} / {@code --name value} flags of the load generator. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
      int eq = a.indexOf('=');
      if (eq > 0) {
        values.put(a.substring(2, eq), a.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(a.substring(2), args[++i]);
      } else {
        values.put(a.substring(2), "true");
      }
    }
  }

  String str(String name, String dflt) {
    return values.getOrDefault(name, dflt);
  }

  int integer(String name, int dflt) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : dflt;
  }

  double dbl(String name, double dflt) {
    return values.containsKey(name) ? Double.parseDouble(values.get(name)) : dflt;
  }
}
