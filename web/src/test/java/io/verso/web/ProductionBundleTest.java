package io.verso.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bundle built into the jar has no test hooks ({@code window.__verso}: the editor's Quill, going
 * offline, forged submits), while the one the browser tests load from test-classes has them.
 */
class ProductionBundleTest {
  private static final List<String> HOOKS = List.of("__verso", "forgeSubmit", "dropUnloadGuard", "commentThreads");
  private static final Pattern SCRIPT = Pattern.compile("src=\"/assets/(app-[A-Za-z0-9]+\\.js)\"");

  @Test
  void theJarsBundleHasNoTestHooks() throws IOException {
    String js = bundle(Path.of("target", "classes", "webroot"));
    for (String hook : HOOKS) {
      assertThat(js).as("production bundle").doesNotContain(hook);
    }
  }

  @Test
  void theTestBundleHasThem() throws IOException {
    String js = bundle(Path.of("target", "test-classes", "webroot"));
    for (String hook : HOOKS) {
      assertThat(js).as("test bundle").contains(hook);
    }
  }

  private static String bundle(Path webroot) throws IOException {
    Matcher m = SCRIPT.matcher(Files.readString(webroot.resolve("index.html")));
    assertThat(m.find()).as("index.html names its script").isTrue();
    return Files.readString(webroot.resolve("assets").resolve(m.group(1)));
  }
}
