package io.verso.edit;

import io.verso.runtime.Configs;
import io.vertx.core.json.JsonObject;

/**
 * Configuration of the edit-service, read once from the verticle config ({@code edit.*} keys).
 *
 * @param snapshotEvery     a snapshot is saved every this many revisions (and on unload)
 * @param window            how many recent ops a sequencer keeps to transform late submits; a
 *                          {@code baseRev} older than that gets RESYNC_REQUIRED
 * @param windowBytes       the same window's bound in bytes ({@code ContentBytes} of its ops)
 * @param maxOpInsertChars  maximum inserted UTF-16 units in one op (TOO_LARGE beyond)
 * @param maxOpComponents   maximum number of components in one op (TOO_LARGE beyond)
 * @param maxDocChars       maximum document length (TOO_LARGE beyond)
 * @param maxOpBytes        maximum bytes of one op: text, embeds, attributes, structure (TOO_LARGE beyond)
 * @param maxDocBytes       maximum bytes of a document, the same measure (TOO_LARGE beyond)
 * @param catchupPageBytes  a catch-up page ends early once its ops hold this many bytes ({@code more})
 * @param opsPerSecond      sustained per-user op rate per document before RATE_LIMITED
 * @param opsBurst          burst allowance of that rate limit
 * @param idleUnloadMs      a document with no request for this long is snapshotted and unloaded
 * @param quietSnapshotMs   a document with no commit for this long gets a snapshot of what its last
 *                          one lacks (0: never), so the list's content search finds what was typed
 *                          soon after typing stops, not only every {@code snapshotEvery} revisions
 * @param leaseMs           lifetime of this node's liveness lease in the cluster map
 * @param storageTimeoutMs  event-bus timeout of calls to storage-service
 * @param maxInlineImageBytes largest image embed given inline as a {@code data:} URL, in bytes
 *                          (TOO_LARGE beyond; larger images need an upload store)
 * @param commentsPerSecond sustained per-user rate of comment changes per document before RATE_LIMITED
 * @param commentsBurst     burst allowance of that rate limit
 * @param authorship        keep who wrote each character (default true); false only to measure
 *                          its cost (bench): then snapshots carry none and the action is 503
 */
public record EditConfig(int snapshotEvery, int window, long windowBytes, int maxOpInsertChars,
    int maxOpComponents, int maxDocChars, long maxOpBytes, long maxDocBytes, long catchupPageBytes,
    double opsPerSecond, int opsBurst, long idleUnloadMs, long quietSnapshotMs, long leaseMs, long storageTimeoutMs,
    int maxInlineImageBytes, double commentsPerSecond, int commentsBurst, boolean authorship) {

  public static EditConfig from(JsonObject config) {
    return new EditConfig(
        Configs.integer(config, "edit.snapshotEvery", 100),
        Configs.integer(config, "edit.window", 1000),
        Configs.longValue(config, "edit.windowBytes", 4L * 1024 * 1024),
        Configs.integer(config, "edit.maxOpInsertChars", 256 * 1024),
        Configs.integer(config, "edit.maxOpComponents", 10_000),
        Configs.integer(config, "edit.maxDocChars", 4 * 1024 * 1024),
        Configs.longValue(config, "edit.maxOpBytes", 512L * 1024),
        Configs.longValue(config, "edit.maxDocBytes", 16L * 1024 * 1024),
        Configs.longValue(config, "edit.catchupPageBytes", 1024L * 1024),
        Configs.decimal(config, "edit.opsPerSecond", 60.0),
        Configs.integer(config, "edit.opsBurst", 200),
        Configs.longValue(config, "edit.idleUnloadMs", 120_000L),
        Configs.longValue(config, "edit.quietSnapshotMs", 15_000L),
        Configs.longValue(config, "edit.leaseMs", 6_000L),
        Configs.longValue(config, "edit.storageTimeoutMs", 5_000L),
        Configs.integer(config, "edit.maxInlineImageBytes", 256 * 1024),
        Configs.decimal(config, "edit.commentsPerSecond", 5.0),
        Configs.integer(config, "edit.commentsBurst", 20),
        Configs.bool(config, "edit.authorship", true));
  }

  /** How often the node's housekeeping runs: often enough for the idle unload and the quiet snapshot. */
  public long housekeepingMs() {
    long finest = quietSnapshotMs > 0 ? Math.min(idleUnloadMs, quietSnapshotMs) : idleUnloadMs;
    return Math.max(100, Math.min(5_000, finest / 4));
  }
}
