package io.verso.web.auth;

/**
 * A verified user: who a request (or a socket) belongs to, from a valid access token.
 *
 * @param sessionId the refresh family the token was issued for ({@code sid}): logout revokes it
 * @param expiresAtSeconds the token's {@code exp}
 */
public record Identity(String userId, String username, String displayName, String sessionId, long expiresAtSeconds) {}
