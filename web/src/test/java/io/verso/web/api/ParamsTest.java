package io.verso.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameters are parsed strictly: every malformed one is a BAD_REQUEST, never another failure. */
class ParamsTest {
  private static void badRequest(Runnable parse) {
    assertThatThrownBy(parse::run).satisfies(t -> assertThat(Failures.codeOf(t)).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void naturalNumbersInDecimalDigitsOnly() {
    assertThat(Params.natural("0", "rev")).isZero();
    assertThat(Params.natural("007", "rev")).isEqualTo(7);
    assertThat(Params.natural("999999999999999999", "rev")).isEqualTo(999_999_999_999_999_999L);
    for (String raw : List.of("", "-1", "+1", " 1", "1 ", "1.0", "1e3", "0x10", "abc", "１", "9999999999999999999",
        "99999999999999999999999")) {
      badRequest(() -> Params.natural(raw, "rev"));
    }
    badRequest(() -> Params.natural((String) null, "rev"));
  }

  @Test
  void booleansAreTrueOrFalseExactly() {
    assertThat(Params.bool("true", "named")).isTrue();
    assertThat(Params.bool("false", "named")).isFalse();
    for (String raw : List.of("", "1", "yes", "TRUE", "True")) {
      badRequest(() -> Params.bool(raw, "named"));
    }
  }

  @Test
  void bodyIntegersAreJsonIntegers() {
    assertThat(Params.natural(new JsonObject("{\"rev\":3}"), "rev")).isEqualTo(3);
    assertThat(Params.natural(new JsonObject("{\"rev\":12345678901}"), "rev")).isEqualTo(12_345_678_901L);
    for (String body : List.of("{}", "{\"rev\":null}", "{\"rev\":\"3\"}", "{\"rev\":3.0}", "{\"rev\":1e2}", "{\"rev\":-1}",
        "{\"rev\":true}", "{\"rev\":[3]}", "{\"rev\":123456789012345678901234567890}")) {
      badRequest(() -> Params.natural(new JsonObject(body), "rev"));
    }
  }
}
