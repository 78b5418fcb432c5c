package io.verso.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.auth.AuthConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --signup=open|closed} / {@code VERSO_SIGNUP}: reaches the auth-service, flag over environment over file. */
class SignupOptionTest {
  @TempDir
  Path tmp;

  private static boolean open(AppOptions o) {
    return AuthConfig.from(o.serviceConfig()).signup().open();
  }

  @Test
  void openByDefaultClosedByFlagOrEnvironment() {
    assertTrue(open(AppOptions.parse(new String[0], Map.of())));
    assertFalse(open(AppOptions.parse(new String[] {"--signup=closed"}, Map.of())));
    assertFalse(open(AppOptions.parse(new String[] {"--signup", "CLOSED"}, Map.of())));
    assertFalse(open(AppOptions.parse(new String[0], Map.of("VERSO_SIGNUP", "closed"))));
    assertTrue(open(AppOptions.parse(new String[] {"--signup=open"}, Map.of("VERSO_SIGNUP", "closed"))));
    assertEquals("closed", AppOptions.parse(new String[] {"--signup=closed"}, Map.of()).serviceConfig()
        .getString("auth.signup.mode"));
  }

  @Test
  void theFlagWinsOverAConfigFileEitherWayItIsSpelled() throws Exception {
    Path nested = Files.writeString(tmp.resolve("nested.json"), "{\"auth\":{\"signup\":{\"mode\":\"open\"}}}");
    Path shortForm = Files.writeString(tmp.resolve("short.json"), "{\"auth\":{\"signup\":\"open\"}}");
    Path closedFile = Files.writeString(tmp.resolve("closed.json"), "{\"auth\":{\"signup\":\"closed\"}}");
    assertFalse(open(AppOptions.parse(new String[] {"--config", nested.toString(), "--signup", "closed"}, Map.of())));
    assertFalse(open(AppOptions.parse(new String[] {"--config", shortForm.toString(), "--signup", "closed"}, Map.of())));
    assertFalse(open(AppOptions.parse(new String[] {"--config", closedFile.toString()}, Map.of())), "the file alone");
  }

  @Test
  void anythingElseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[] {"--signup=maybe"}, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(new String[0], Map.of("VERSO_SIGNUP", "off")));
    assertTrue(AppOptions.usage().contains("--signup"));
    assertTrue(AppOptions.usage().contains("add-user"));
  }
}
