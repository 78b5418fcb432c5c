package io.verso.web.api;

import io.verso.convert.ConvertLimits;
import io.verso.protocol.RichTextFormats;
import io.verso.runtime.Configs;
import io.vertx.core.json.JsonObject;

/**
 * The limits of imports, read once: {@code import.*} keys of the web tier's configuration, and the
 * edit-service's document and op limits the result must fit (the same keys, so one configuration
 * sets both).
 *
 * @param convert          the file and resulting document limits ({@code import.maxBytes}, default
 *                         20 MiB; {@code edit.maxDocChars}, {@code edit.maxDocBytes}, {@code edit.maxInlineImageBytes})
 * @param ops              one op's limits, to cut the document into revisions ({@code edit.maxOpInsertChars},
 *                         {@code edit.maxOpComponents}, {@code edit.maxOpBytes})
 * @param perMinute        {@code import.perMinute}: imports one user may start per minute on one node (default 10)
 * @param maxConcurrent    {@code import.maxConcurrent}: conversions running at once on one node (default 2)
 * @param timeoutMs        {@code import.timeoutMs}: the longest a conversion may take (default 30 s)
 */
public record ImportConfig(ConvertLimits convert, ImportOps.Limits ops, int perMinute, int maxConcurrent, long timeoutMs) {
  public ImportConfig {
    if (perMinute < 1 || maxConcurrent < 1 || timeoutMs < 1) {
      throw new IllegalArgumentException("import.perMinute, import.maxConcurrent and import.timeoutMs must be positive");
    }
  }

  public static ImportConfig from(JsonObject config) {
    ConvertLimits limits = new ConvertLimits(
        Configs.longValue(config, "import.maxBytes", ConvertLimits.DEFAULT_MAX_INPUT_BYTES),
        Configs.integer(config, "edit.maxDocChars", 4_194_304),
        Configs.longValue(config, "edit.maxDocBytes", 16L * 1024 * 1024),
        Configs.integer(config, "edit.maxInlineImageBytes", 256 * 1024),
        RichTextFormats.SHARED.formats());
    ImportOps.Limits ops = new ImportOps.Limits(Configs.integer(config, "edit.maxOpInsertChars", 256 * 1024),
        Configs.integer(config, "edit.maxOpComponents", 10_000), Configs.longValue(config, "edit.maxOpBytes", 512L * 1024));
    return new ImportConfig(limits, ops, Configs.integer(config, "import.perMinute", 10),
        Configs.integer(config, "import.maxConcurrent", 2), Configs.longValue(config, "import.timeoutMs", 30_000));
  }
}
