package io.verso.protocol.presence;

import io.verso.protocol.Addresses;

/**
 * The actions and event types of the presence messages (sent to {@link Addresses#PRESENCE_SERVICE},
 * published on {@link Addresses#presenceEvents(String)}): what the bridge and the browser share with
 * presence-service. The message records and their checks are presence-service's own
 * ({@code io.verso.presence.wire}); their JSON is specified in docs/protocol.md.
 */
public final class Presence {
  private Presence() {}

  public static final String ACTION_UPDATE = "update";
  public static final String ACTION_HEARTBEAT = "heartbeat";
  public static final String ACTION_LEAVE = "leave";
  public static final String ACTION_LIST = "list";
  public static final String ACTION_STATS = "stats";
  /** Which instance to talk to: replies {@code {"nodeId","address"}} (no identity needed). */
  public static final String ACTION_HELLO = "hello";
  /** Between instances: another instance now serves this client; forget it without a leave. */
  public static final String ACTION_MOVED = "moved";

  public static final String TYPE_PRESENCE = "presence";
  public static final String TYPE_LEAVE = "leave";
}
