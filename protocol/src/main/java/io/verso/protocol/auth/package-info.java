/**
 * Message records of the auth-service event-bus API ({@code io.verso.protocol.Addresses.AUTH_*}).
 * Shared concepts come from {@code io.verso.protocol.storage}: {@code Role} (with "none" for no
 * role), {@code Member} (member lists), {@code UserRecord} (users; only its public fields leave the
 * auth-service), {@code MemberRequest} ({@code {"docId","userId"}}, the role query) and
 * {@code DocIdRequest} (the member list). {@code fromJson} validates every field and throws a
 * BAD_REQUEST {@link io.verso.protocol.VersoException} on hostile input.
 */
package io.verso.protocol.auth;
