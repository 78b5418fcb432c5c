package io.verso.web.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The axe-core accessibility check on a browser's page: axe-core comes from the frontend's npm
 * devDependencies (installed by the module's build, never bundled into the app) and is injected
 * into the page only by the tests.
 */
final class Axe {
  /** The module's working directory is web/ under Maven. */
  private static final Path SCRIPT = Path.of("frontend/node_modules/axe-core/axe.min.js");
  private static String source;

  private Axe() {
  }

  private static synchronized String source() {
    if (source == null) {
      try {
        source = Files.readString(SCRIPT);
      } catch (IOException e) {
        throw new UncheckedIOException("axe-core is missing: the web module's build runs npm ci (" + SCRIPT.toAbsolutePath() + ")", e);
      }
    }
    return source;
  }

  /** The serious and critical violations on c's page as it is now, one line each (rule, help, where); empty when none. */
  @SuppressWarnings("unchecked")
  static List<String> seriousViolations(Chrome c) {
    if (!Boolean.TRUE.equals(c.js("return typeof window.axe === 'object'"))) {
      c.js(source());
    }
    List<Map<String, Object>> found = (List<Map<String, Object>>) c.driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + " axe.run(document, {resultTypes: ['violations']})"
            + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
            + ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
            + " nodes: v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | ')}))))"
            + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: ''}]))");
    return found.stream().map(v -> v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " — " + v.get("nodes"))
        .collect(Collectors.toList());
  }
}
