package io.verso.edit.comments;

import io.verso.protocol.Role;

/**
 * Actor makes a comment request, from the headers the web tier stamped: user id, display name (kept
 * with each comment they write) and role on the document (null: not a member).
 */
public record Actor(String userId, String name, Role role) {}
